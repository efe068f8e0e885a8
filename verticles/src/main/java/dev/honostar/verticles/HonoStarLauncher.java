package dev.honostar.verticles;

import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Launcher;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.launcher.VertxCommandLauncher;
import io.vertx.core.metrics.MetricsOptions;

import java.util.List;
import java.util.Map;

/**
 * The classic {@code vertx} launcher ({@code io.vertx.core.Launcher} of
 * {@code vertx-launcher-legacy-cli}: {@code run}, {@code -conf}, {@code -instances},
 * {@code -cluster}, {@code -options}, {@code start}/{@code stop}/{@code list}) with HonoStar's
 * defaults:
 *
 * <ul>
 *   <li>Vert.x Micrometer metrics on, with the Prometheus backend and JVM meters (so
 *       {@code /_/metrics} shows Vert.x' and HonoStar's meters) unless {@code -options} sets
 *       {@code metricsOptions} or {@value #ENV_METRICS}{@code =false};</li>
 *   <li>{@code -cluster} joins Hazelcast configured by {@link HazelcastClusterOptions} from the
 *       {@code HONOSTAR_HZ_*} environment (TCP-IP members or Kubernetes discovery, multicast
 *       off) instead of Hazelcast's multicast default; the event bus binds to
 *       {@code HONOSTAR_HZ_HOST} when set.</li>
 *   <li>Netty's native transport (epoll on Linux) when it loads, unless
 *       {@value #ENV_NATIVE_TRANSPORT}{@code =false}: fewer
 *       system calls per write when thousands of streams receive a patch; NIO otherwise;</li>
 *   <li>SIGTERM closes Vert.x, which stops every verticle: {@link HonoStarVerticle} drains
 *       (the launcher's shutdown hook waits up to 2 minutes).</li>
 *   <li>A failed deployment (a missing verticle or app, a configuration error, an unreachable
 *       broker) exits with {@value #DEPLOYMENT_FAILED_EXIT_CODE}, not 0, so systemd, CI and
 *       Kubernetes see the failure.</li>
 * </ul>
 *
 * <pre>
 * java -cp app.jar dev.honostar.verticles.HonoStarLauncher run com.example.MyVerticle -conf conf.json -instances 2
 * java -jar app.jar                      # runs the Main-Verticle of the jar's manifest
 * </pre>
 */
public class HonoStarLauncher extends Launcher {

  /** {@code HONOSTAR_METRICS=false} leaves Vert.x metrics off. */
  public static final String ENV_METRICS = "HONOSTAR_METRICS";
  /** {@code HONOSTAR_NATIVE_TRANSPORT=false} keeps Netty's NIO transport. */
  public static final String ENV_NATIVE_TRANSPORT = "HONOSTAR_NATIVE_TRANSPORT";
  /** Exit status of a failed deployment (the legacy launcher's own code for it when no hooks are installed). */
  public static final int DEPLOYMENT_FAILED_EXIT_CODE = 15;

  public static void main(String[] args) {
    new HonoStarLauncher().dispatch(args);
  }

  /** Runs a launcher command in this process, as {@code main} would (tests, embedding). */
  public static void executeCommand(String cmd, String... args) {
    new HonoStarLauncher().execute(cmd, args);
  }

  protected Map<String, String> environment() {
    return System.getenv();
  }

  @Override
  public void beforeStartingVertx(VertxOptions options) {
    LauncherOptions launcher = LauncherOptions.fromEnvironment(environment());
    if (launcher.isNativeTransport()) {
      options.setPreferNativeTransport(true);
    }
    MetricsOptions metrics = options.getMetricsOptions();
    boolean configured = metrics != null && metrics.isEnabled();
    if (!configured && launcher.isMetrics()) {
      options.setMetricsOptions(Meters.vertxOptions());
    }
    if (clustered()) {
      HazelcastClusterOptions hz = hazelcast();
      if (hz.getHost() != null) {
        options.getEventBusOptions().setHost(hz.getHost());
      }
    }
  }

  /**
   * {@link Launcher}'s default closes Vert.x and lets the JVM end with status 0; the deployer
   * has already logged the cause. Close, then exit non-zero.
   */
  @Override
  public void handleDeployFailed(Vertx vertx, String mainVerticle, DeploymentOptions deploymentOptions, Throwable cause) {
    vertx.close().onComplete(closed -> System.exit(DEPLOYMENT_FAILED_EXIT_CODE));
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    VertxBuilder builder = Vertx.builder().with(options);
    if (clustered()) {
      builder.withClusterManager(HazelcastClustering.clusterManager(hazelcast()));
    }
    return builder;
  }

  private HazelcastClusterOptions hazelcast() {
    return new HazelcastClusterOptions().applyEnvironment(environment());
  }

  /** Whether this run asked for a cluster ({@code -cluster}, or {@code -ha} which implies it). */
  protected boolean clustered() {
    List<String> args = VertxCommandLauncher.getProcessArguments();
    if (args == null) {
      return false;
    }
    for (String a : args) {
      String flag = a.replaceFirst("^--?", "");
      if (flag.equals("cluster") || flag.equals("ha") || flag.startsWith("cluster=true") || flag.startsWith("ha=true")) {
        return true;
      }
    }
    return false;
  }
}
