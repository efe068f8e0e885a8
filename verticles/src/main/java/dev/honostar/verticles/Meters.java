package dev.honostar.verticles;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the framework's meters go.
 *
 * <p>With Vert.x metrics on (the launcher turns them on, see {@link #vertxOptions()}), Vert.x'
 * own Prometheus registry holds Vert.x' meters and HonoStar's; without them a process-wide
 * Prometheus registry holds HonoStar's alone. Either way {@link #prometheus()} is what
 * {@value OpsEndpoints#METRICS_PATH} serves.
 *
 * <p>Each app a process serves (one per {@link HonoStarVerticle} deployment, shared by its
 * instances) has its own HonoStar, whose meters have the same names; {@link #forInstance(String)}
 * tags them {@value #INSTANCE_TAG}, so two apps in one process give two series per meter
 * ({@code sum without (verticle)} in PromQL) instead of one gauge silently reporting one app.
 */
public final class Meters {

  /** Tag telling verticle instances of one process apart. */
  public static final String INSTANCE_TAG = "verticle";

  private static PrometheusMeterRegistry fallback;

  private Meters() {
  }

  /** The Vert.x Micrometer options the launcher uses: Prometheus on, JVM meters on. */
  public static MicrometerMetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /** @return Vert.x' Prometheus registry when Vert.x metrics are on, else a process-wide one */
  public static synchronized PrometheusMeterRegistry prometheus() {
    if (BackendRegistries.getDefaultNow() instanceof PrometheusMeterRegistry vertx) {
      return vertx;
    }
    if (fallback == null) {
      fallback = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
    return fallback;
  }

  /**
   * A registry for one verticle instance: meters registered through it land in
   * {@link #prometheus()} (and in Vert.x' registry if that is another backend) tagged
   * {@code verticle=<instance>}.
   */
  public static MeterRegistry forInstance(String instance) {
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    composite.config().commonTags(INSTANCE_TAG, instance);
    PrometheusMeterRegistry prometheus = prometheus();
    composite.add(prometheus);
    MeterRegistry vertx = BackendRegistries.getDefaultNow();
    if (vertx != null && vertx != prometheus) {
      composite.add(vertx);
    }
    return composite;
  }

  /** Removes an instance's meters (on undeploy), so a stopped hub leaves no stale gauge behind. */
  public static void remove(MeterRegistry instanceRegistry, String instance) {
    if (instanceRegistry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry child : new ArrayList<>(composite.getRegistries())) {
        List<Meter> mine = child.getMeters().stream().filter(m -> instance.equals(m.getId().getTag(INSTANCE_TAG))).toList();
        mine.forEach(child::remove);
        // Detach, never close: closing a composite closes its children, the process-wide registries.
        composite.remove(child);
      }
    }
  }
}
