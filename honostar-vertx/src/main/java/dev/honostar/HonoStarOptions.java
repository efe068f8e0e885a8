package dev.honostar;

import dev.honostar.bus.BusOptions;
import dev.honostar.live.LiveOptions;
import dev.honostar.observability.ObservabilityOptions;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.view.ViewOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The one typed configuration of a HonoStar app, with a section per concern. Every value has
 * a default, so {@code new HonoStarOptions()} runs; a JSON file (the {@code -conf} of
 * {@code vertx run}) and environment variables override them. docs/configuration.md lists
 * every key.
 *
 * <pre>{@code
 * HonoStarOptions options = HonoStarOptions.load(config(), System.getenv());
 * options.getLive().setHeartbeatMillis(10_000);
 * HttpServerOptions server = new HttpServerOptions().setPort(8080);
 * options.applyTo(server);
 * vertx.createHttpServer(server).requestHandler(router).listen();
 * }</pre>
 */
public class HonoStarOptions {

  /** {@code HONOSTAR_ENV=production} turns production mode on. */
  public static final String ENV_MODE = "HONOSTAR_ENV";
  public static final boolean DEFAULT_PRODUCTION = false;
  public static final boolean DEFAULT_VIRTUAL_THREADS = true;
  /** Whether {@link #applyTo(HttpServerOptions)} turns on Vert.x's strict thread mode. */
  public static final boolean DEFAULT_STRICT_THREAD_MODE = true;
  /** {@code HONOSTAR_STRICT_THREAD_MODE=false} turns strict thread mode off. */
  public static final String ENV_STRICT_THREAD_MODE = "HONOSTAR_STRICT_THREAD_MODE";

  private boolean production = DEFAULT_PRODUCTION;
  private boolean virtualThreads = DEFAULT_VIRTUAL_THREADS;
  private boolean strictThreadMode = DEFAULT_STRICT_THREAD_MODE;
  private ViewOptions view = new ViewOptions();
  private SecurityOptions security = new SecurityOptions();
  private BusOptions bus = new BusOptions();
  private LiveOptions live = new LiveOptions();
  private ObservabilityOptions observability = new ObservabilityOptions();
  private SessionStoreOptions sessionStore = new SessionStoreOptions();
  private Map<String, String> environment = System.getenv();

  public HonoStarOptions() {
    view.setDev(!production);
  }

  public HonoStarOptions(HonoStarOptions other) {
    this(other.toJson());
  }

  public HonoStarOptions(JsonObject json) {
    production = "production".equalsIgnoreCase(json.getString("env", production ? "production" : "development"));
    virtualThreads = json.getBoolean("virtualThreads", DEFAULT_VIRTUAL_THREADS);
    strictThreadMode = json.getBoolean("strictThreadMode", DEFAULT_STRICT_THREAD_MODE);
    view = new ViewOptions(json.getJsonObject("view", new JsonObject()));
    security = new SecurityOptions(json.getJsonObject("security", new JsonObject()));
    bus = new BusOptions(json.getJsonObject("bus", new JsonObject()));
    live = new LiveOptions(json.getJsonObject("live", new JsonObject()));
    observability = new ObservabilityOptions(json.getJsonObject("observability", new JsonObject()));
    sessionStore = new SessionStoreOptions(json.getJsonObject("sessionStore", new JsonObject()));
    view.setDev(json.getJsonObject("view", new JsonObject()).getBoolean("dev", !production));
  }

  /** Defaults, then {@code config} (may be {@code null}), then the environment. */
  public static HonoStarOptions load(JsonObject config, Map<String, String> env) {
    return new HonoStarOptions(config == null ? new JsonObject() : config).applyEnvironment(env);
  }

  /** Applies {@code HONOSTAR_ENV} and every section's variables, and keeps {@code env} for secrets. */
  public HonoStarOptions applyEnvironment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    String mode = env.get(ENV_MODE);
    if (mode != null && !mode.isBlank()) {
      setProduction("production".equalsIgnoreCase(mode.trim()));
    }
    String vt = env.get("HONOSTAR_VIRTUAL_THREADS");
    if (vt != null && !vt.isBlank()) {
      virtualThreads = Boolean.parseBoolean(vt.trim());
    }
    String strict = env.get(ENV_STRICT_THREAD_MODE);
    if (strict != null && !strict.isBlank()) {
      String value = strict.trim();
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(ENV_STRICT_THREAD_MODE + " has an invalid value '" + value + "' (expected true or false)");
      }
      strictThreadMode = Boolean.parseBoolean(value);
    }
    view.applyEnvironment(env);
    security.applyEnvironment(env);
    bus.applyEnvironment(env);
    live.applyEnvironment(env);
    observability.applyEnvironment(env);
    sessionStore.applyEnvironment(env);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("env", production ? "production" : "development")
      .put("virtualThreads", virtualThreads)
      .put("strictThreadMode", strictThreadMode)
      .put("view", view.toJson())
      .put("security", security.toJson())
      .put("bus", bus.toJson())
      .put("live", live.toJson())
      .put("observability", observability.toJson())
      .put("sessionStore", sessionStore.toJson());
  }

  /**
   * @return the environment secrets (e.g. {@code HONOSTAR_SIGNING_SECRET}) are read from: the
   *     one given to {@link #applyEnvironment(Map)}, else the process environment
   */
  public Map<String, String> getEnvironment() {
    return environment;
  }

  public HonoStarOptions setEnvironment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  public boolean isProduction() {
    return production;
  }

  /** Production: templates cached forever, secure cookies, HSTS, a signing secret required, no stack traces. */
  public HonoStarOptions setProduction(boolean production) {
    this.production = production;
    view.setDev(!production);
    return this;
  }

  public boolean isVirtualThreads() {
    return virtualThreads;
  }

  /** Run blocking loaders and commands on virtual threads when the JVM has them (Java 21+). */
  public HonoStarOptions setVirtualThreads(boolean virtualThreads) {
    this.virtualThreads = virtualThreads;
    return this;
  }

  public boolean isStrictThreadMode() {
    return strictThreadMode;
  }

  /**
   * Whether {@link #applyTo(HttpServerOptions)} turns on Vert.x's strict thread mode (on by
   * default). See {@link #applyTo(HttpServerOptions)}; turn it off when the app writes
   * responses from threads other than the request's event loop.
   */
  public HonoStarOptions setStrictThreadMode(boolean strictThreadMode) {
    this.strictThreadMode = strictThreadMode;
    return this;
  }

  /**
   * Applies the framework's recommended settings to the options of the app's HTTP server:
   * the request limits of {@link SecurityOptions#applyTo(HttpServerOptions)} and, unless
   * {@link #setStrictThreadMode(boolean) turned off}, Vert.x's strict thread mode.
   *
   * <p>Strict thread mode ({@link HttpServerOptions#setStrictThreadMode(boolean)}, experimental
   * in Vert.x 5) lets each HTTP/1.x connection write straight to its socket instead of through a
   * thread-safe queue, which saves about 4.7 KB of heap per open connection (measured with
   * idle live streams). In exchange, every response write must happen on the
   * connection's event loop; a write from another thread throws
   * {@code IllegalStateException("Only the context thread can write a message")}. The
   * framework keeps to that: blocking loaders and commands hand their results back to the
   * request's context, and live updates are written on each stream's own event loop. Code of
   * the app that writes a response itself from another thread (an executor of its own, a
   * client library's callback thread) must hop back with {@code context.runOnContext} first,
   * or turn this off. Vert.x applies it only to servers created on an event-loop context (a
   * standard verticle, or outside any verticle); worker and virtual-thread verticles are not
   * affected.
   *
   * @return {@code serverOptions}
   */
  public HttpServerOptions applyTo(HttpServerOptions serverOptions) {
    security.applyTo(serverOptions);
    serverOptions.setStrictThreadMode(strictThreadMode);
    return serverOptions;
  }

  public ViewOptions getView() {
    return view;
  }

  public HonoStarOptions setView(ViewOptions view) {
    this.view = view;
    return this;
  }

  public SecurityOptions getSecurity() {
    return security;
  }

  public HonoStarOptions setSecurity(SecurityOptions security) {
    this.security = security;
    return this;
  }

  public BusOptions getBus() {
    return bus;
  }

  public HonoStarOptions setBus(BusOptions bus) {
    this.bus = bus;
    return this;
  }

  public LiveOptions getLive() {
    return live;
  }

  public HonoStarOptions setLive(LiveOptions live) {
    this.live = live;
    return this;
  }

  public ObservabilityOptions getObservability() {
    return observability;
  }

  /** Tracing (an OTLP endpoint turns it on) and the log format; see docs/observability.md. */
  public HonoStarOptions setObservability(ObservabilityOptions observability) {
    this.observability = observability;
    return this;
  }

  /** @return where sessions live (docs/scaling.md#sessions-across-nodes) */
  public SessionStoreOptions getSessionStore() {
    return sessionStore;
  }

  public HonoStarOptions setSessionStore(SessionStoreOptions sessionStore) {
    this.sessionStore = sessionStore;
    return this;
  }
}
