package dev.honostar;

import dev.honostar.bus.BusOptions;
import dev.honostar.live.LiveOptions;
import dev.honostar.upload.UploadOptions;
import dev.honostar.observability.ObservabilityOptions;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.view.ViewOptions;
import dev.honostar.config.OptionsSchema;
import dev.honostar.presence.PresenceOptions;
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
  private PresenceOptions presence = new PresenceOptions();
  private UploadOptions upload = new UploadOptions();
  private Map<String, String> environment = System.getenv();

  /**
   * The top-level keys ({@code env}, {@code virtualThreads}, {@code strictThreadMode}; variables
   * {@code HONOSTAR_<KEY>}) and every section's schema: the one description JSON, environment and
   * docs/configuration.md come from.
   */
  public static final OptionsSchema<HonoStarOptions> SCHEMA = OptionsSchema.Builder.root(HonoStarOptions::new)
    .field("env", OptionsSchema.Type.text("production/development", HonoStarOptions::parseMode, p -> p ? "production" : "development"),
      OptionsSchema.Unit.NONE, HonoStarOptions::isProduction, HonoStarOptions::setProduction,
      "production: templates cached, secure cookies, HSTS, a signing secret required, no error details, no development warnings.")
    .bool("virtualThreads", HonoStarOptions::isVirtualThreads, HonoStarOptions::setVirtualThreads,
      "Run blocking loaders and commands on virtual threads when the JVM has them (Java 21+).")
    .bool("strictThreadMode", HonoStarOptions::isStrictThreadMode, HonoStarOptions::setStrictThreadMode,
      "Vert.x's strict thread mode on the HTTP server (saves heap per connection).")
    .section("view", HonoStarOptions::getView, ViewOptions.SCHEMA)
    .section("security", HonoStarOptions::getSecurity, SecurityOptions.SCHEMA)
    .section("bus", HonoStarOptions::getBus, BusOptions.SCHEMA)
    .section("live", HonoStarOptions::getLive, LiveOptions.SCHEMA)
    .section("observability", HonoStarOptions::getObservability, ObservabilityOptions.SCHEMA)
    .section("sessionStore", HonoStarOptions::getSessionStore, SessionStoreOptions.SCHEMA)
    .section("presence", HonoStarOptions::getPresence, PresenceOptions.SCHEMA)
    .section("upload", HonoStarOptions::getUpload, UploadOptions.SCHEMA)
    .build();

  public HonoStarOptions() {
    resolveProduction();
  }

  public HonoStarOptions(HonoStarOptions other) {
    this(other.toJson());
  }

  /** Reads the keys of {@link #toJson()}: {@code env} first (it sets what production decides), then the sections. */
  public HonoStarOptions(JsonObject json) {
    this();
    SCHEMA.fromJson(this, json);
  }

  /**
   * Defaults, then {@code config} (may be {@code null}), then the environment. Production is decided first
   * ({@code HONOSTAR_ENV}, else the JSON's {@code env}), so that every setting {@code config} or the environment
   * makes explicitly wins over what production implies.
   */
  public static HonoStarOptions load(JsonObject config, Map<String, String> env) {
    HonoStarOptions options = new HonoStarOptions();
    JsonObject json = config == null ? new JsonObject() : config;
    String mode = env.get(ENV_MODE);
    if (mode != null && !mode.isBlank()) {
      // Through the schema, so that a wrong value fails as every other variable does.
      SCHEMA.applyEnvironment(options, Map.of(ENV_MODE, mode));
      json = json.copy();
      json.remove("env");
    }
    SCHEMA.fromJson(options, json);
    return options.applyEnvironment(env);
  }

  /**
   * Applies {@code HONOSTAR_ENV} (first, so that explicit settings win over what production decides) and every
   * section's variables, and keeps {@code env} for secrets.
   *
   * @throws IllegalArgumentException naming the variable, when one is malformed, or unknown in a known section
   */
  public HonoStarOptions applyEnvironment(Map<String, String> env) {
    SCHEMA.applyEnvironment(this, env);
    this.environment = Map.copyOf(env);
    return this;
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** {@code production} or {@code development}, any case; anything else ({@code prod}, {@code staging}) is a mistake, not development. */
  private static boolean parseMode(String mode) {
    String m = mode.trim();
    if (m.equalsIgnoreCase("production")) {
      return true;
    }
    if (m.equalsIgnoreCase("development")) {
      return false;
    }
    throw new IllegalArgumentException("neither production nor development: " + m);
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

  /**
   * Production: templates cached forever, secure cookies, HSTS, a signing secret required, no error details,
   * no development warnings. Decided here once: this sets the settings that follow from it, and the handlers
   * read those, never a production flag:
   * <ul>
   *   <li>{@link ViewOptions#setDev(boolean) view.dev} and {@link ViewOptions#setShowErrorDetails(boolean)
   *       view.showErrorDetails} off;</li>
   *   <li>{@link SecurityOptions#setSecureCookies(boolean) security.secureCookies}, {@link SecurityOptions#setHsts(boolean)
   *       security.hsts} and {@link dev.honostar.security.TokenOptions#setRequireSigningSecret(boolean)
   *       security.token.requireSigningSecret} on;</li>
   *   <li>{@link LiveOptions#setWarnUnqueriedTopics(boolean) live.warnUnqueriedTopics} and
   *       {@link ObservabilityOptions#setLogRoutes(boolean) observability.logRoutes} off.</li>
   * </ul>
   * An explicit setting wins: set one after this call (in JSON and environment variables, {@link #load} takes
   * care of the order). Deciding again with the same value changes nothing, so such settings stay; replace a
   * section ({@link #setSecurity}, …) before deciding, not after.
   *
   * <pre>{@code
   * HonoStarOptions options = new HonoStarOptions().setProduction(true);
   * options.getSecurity().setSecureCookies(false);   // a plain-HTTP staging host, say
   * }</pre>
   */
  public HonoStarOptions setProduction(boolean production) {
    if (production != this.production) {
      this.production = production;
      resolveProduction();
    }
    return this;
  }

  /** Writes what {@link #production} implies into the sections. */
  private void resolveProduction() {
    view.setDev(!production).setShowErrorDetails(!production);
    security.setSecureCookies(production).setHsts(production);
    security.getToken().setRequireSigningSecret(production);
    live.setWarnUnqueriedTopics(!production);
    observability.setLogRoutes(!production);
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

  /** @return who-is-here tracking across nodes (docs/presence.md) */
  public PresenceOptions getPresence() {
    return presence;
  }

  public HonoStarOptions setPresence(PresenceOptions presence) {
    this.presence = presence;
    return this;
  }

  /** @return the limits and place of file uploads, for commands that take them (docs/uploads.md) */
  public UploadOptions getUpload() {
    return upload;
  }

  public HonoStarOptions setUpload(UploadOptions upload) {
    this.upload = upload;
    return this;
  }
}
