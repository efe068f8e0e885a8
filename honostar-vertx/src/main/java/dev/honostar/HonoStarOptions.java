package dev.honostar;

import dev.honostar.bus.BusOptions;
import dev.honostar.live.LiveOptions;
import dev.honostar.security.SecurityOptions;
import dev.honostar.view.ViewOptions;
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
 * }</pre>
 */
public class HonoStarOptions {

  /** {@code HONOSTAR_ENV=production} turns production mode on. */
  public static final String ENV_MODE = "HONOSTAR_ENV";
  public static final boolean DEFAULT_PRODUCTION = false;
  public static final boolean DEFAULT_VIRTUAL_THREADS = true;

  private boolean production = DEFAULT_PRODUCTION;
  private boolean virtualThreads = DEFAULT_VIRTUAL_THREADS;
  private ViewOptions view = new ViewOptions();
  private SecurityOptions security = new SecurityOptions();
  private BusOptions bus = new BusOptions();
  private LiveOptions live = new LiveOptions();
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
    view = new ViewOptions(json.getJsonObject("view", new JsonObject()));
    security = new SecurityOptions(json.getJsonObject("security", new JsonObject()));
    bus = new BusOptions(json.getJsonObject("bus", new JsonObject()));
    live = new LiveOptions(json.getJsonObject("live", new JsonObject()));
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
    view.applyEnvironment(env);
    security.applyEnvironment(env);
    bus.applyEnvironment(env);
    live.applyEnvironment(env);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("env", production ? "production" : "development")
      .put("virtualThreads", virtualThreads)
      .put("view", view.toJson())
      .put("security", security.toJson())
      .put("bus", bus.toJson())
      .put("live", live.toJson());
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
}
