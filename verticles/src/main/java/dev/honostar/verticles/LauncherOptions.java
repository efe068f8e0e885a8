package dev.honostar.verticles;

import dev.honostar.config.OptionsSchema;

import java.util.Map;

/**
 * What the {@link HonoStarLauncher} and a {@link HonoStarVerticle} read from the top-level environment:
 * {@value Role#ENV}, {@value HonoStarLauncher#ENV_METRICS} and {@value HonoStarLauncher#ENV_NATIVE_TRANSPORT},
 * strictly ({@code true}/{@code false}, a known role) like every other option.
 *
 * <pre>{@code
 * LauncherOptions launcher = LauncherOptions.fromEnvironment(System.getenv());
 * }</pre>
 */
public class LauncherOptions {

  private Role role;
  private boolean metrics = true;
  private boolean nativeTransport = true;

  /** Variables {@code HONOSTAR_<KEY>}. */
  public static final OptionsSchema<LauncherOptions> SCHEMA = OptionsSchema.Builder.root(LauncherOptions::new)
    .field("role", OptionsSchema.Type.text("all, app or live", Role::parse, (Role r) -> r.name().toLowerCase(java.util.Locale.ROOT)),
      OptionsSchema.Unit.NONE, LauncherOptions::getRole, LauncherOptions::setRole,
      "What a node answers: all, the app tier or the live tier; wins over the verticle's \"role\" config.")
    .docDefault("all")
    .bool("metrics", LauncherOptions::isMetrics, LauncherOptions::setMetrics, "Vert.x metrics (Prometheus) on the launcher's Vert.x.")
    .bool("nativeTransport", LauncherOptions::isNativeTransport, LauncherOptions::setNativeTransport,
      "Prefer Netty's native epoll transport; false keeps NIO.")
    .build();

  public static LauncherOptions fromEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(new LauncherOptions(), env);
  }

  /** @return the role set in the environment, or {@code null} */
  public Role getRole() {
    return role;
  }

  public LauncherOptions setRole(Role role) {
    this.role = role;
    return this;
  }

  public boolean isMetrics() {
    return metrics;
  }

  public LauncherOptions setMetrics(boolean metrics) {
    this.metrics = metrics;
    return this;
  }

  public boolean isNativeTransport() {
    return nativeTransport;
  }

  public LauncherOptions setNativeTransport(boolean nativeTransport) {
    this.nativeTransport = nativeTransport;
    return this;
  }
}
