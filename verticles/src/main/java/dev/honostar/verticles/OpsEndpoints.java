package dev.honostar.verticles;

import dev.honostar.HonoStar;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.function.BooleanSupplier;

/**
 * The operations endpoints, mountable on any router (before the app's routes, so probes create
 * no session and pass no CSRF check):
 *
 * <ul>
 *   <li>{@value #HEALTH_PATH}: liveness. 200 while the event loop answers; it checks nothing
 *       external, so a broker outage never restarts pods.</li>
 *   <li>{@value #READY_PATH}: readiness. 200 when every readiness check passes (HonoStar
 *       {@code ready()}: started, not draining; plus the app's own, e.g. a database ping), else
 *       503 with the failing check named in the JSON body. The bus state is reported
 *       ({@code "bus": "up"} or {@code "degraded"}) but does not fail readiness: during a broker
 *       outage every node would otherwise leave the load balancer at once.</li>
 *   <li>{@value #METRICS_PATH}: Prometheus text format of the given registry.</li>
 * </ul>
 *
 * <pre>{@code
 * OpsEndpoints ops = OpsEndpoints.create(vertx)
 *     .honostar(honostar)
 *     .readiness("database", p -> pool.query("SELECT 1").execute().map(r -> Status.OK()).onComplete(p))
 *     .metrics(Meters.prometheus());
 * ops.mount(router);            // then router.route("/*").subRouter(appRouter)
 * }</pre>
 */
public final class OpsEndpoints {

  public static final String HEALTH_PATH = "/_/health";
  public static final String READY_PATH = "/_/ready";
  public static final String METRICS_PATH = "/_/metrics";
  /** Name of the readiness check fed by {@link HonoStar#ready()}. */
  public static final String HONOSTAR_CHECK = "honostar";
  /** Name of the readiness check that fails while the verticle is stopping. */
  public static final String DRAIN_CHECK = "accepting";
  /** A readiness check that has not answered within this many milliseconds fails. */
  public static final long CHECK_TIMEOUT_MILLIS = 2_000;

  private final Vertx vertx;
  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private PrometheusMeterRegistry prometheus;

  private OpsEndpoints(Vertx vertx) {
    this.vertx = vertx;
    this.liveness = HealthChecks.create(vertx);
    this.readiness = HealthChecks.create(vertx);
    liveness.register("event-loop", p -> p.complete(Status.OK()));
  }

  public static OpsEndpoints create(Vertx vertx) {
    return new OpsEndpoints(vertx);
  }

  /**
   * Readiness follows {@link HonoStar#ready()}; the body reports the bus as {@code "up"} or
   * {@code "degraded"} (with the reason in {@code busMessage}), which alone does not fail it.
   */
  public OpsEndpoints honostar(HonoStar honostar) {
    return readiness(HONOSTAR_CHECK, p -> {
      boolean ready = honostar.ready();
      JsonObject data = new JsonObject();
      try {
        var health = honostar.bus().health();
        data.put("bus", health.up() ? "up" : "degraded");
        if (!health.up()) {
          data.put("busMessage", health.message());
        }
      } catch (IllegalStateException notStarted) {
        data.put("bus", "not started");
      }
      p.complete(ready ? Status.OK(data) : Status.KO(data));
    });
  }

  /** A readiness check that passes while {@code accepting} answers true (the verticle flips it first on stop). */
  public OpsEndpoints accepting(BooleanSupplier accepting) {
    return readiness(DRAIN_CHECK, p -> p.complete(accepting.getAsBoolean() ? Status.OK() : Status.KO(new JsonObject().put("reason", "draining"))));
  }

  /** Adds a readiness check; it must complete its promise within {@link #CHECK_TIMEOUT_MILLIS}. */
  public OpsEndpoints readiness(String name, Handler<Promise<Status>> check) {
    readiness.register(name, CHECK_TIMEOUT_MILLIS, check);
    return this;
  }

  /** Adds a liveness check. Keep these local (deadlock detectors, not dependencies). */
  public OpsEndpoints liveness(String name, Handler<Promise<Status>> check) {
    liveness.register(name, CHECK_TIMEOUT_MILLIS, check);
    return this;
  }

  /** Serves this registry at {@value #METRICS_PATH}; without one the path is not mounted. */
  public OpsEndpoints metrics(PrometheusMeterRegistry registry) {
    this.prometheus = registry;
    return this;
  }

  /** @return the readiness checks, e.g. to evaluate them without HTTP */
  public HealthChecks readinessChecks() {
    return readiness;
  }

  /** Adds the routes; call before mounting the app so probes skip sessions, CSRF and access logs. */
  public Router mount(Router router) {
    router.get(HEALTH_PATH).handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get(READY_PATH).handler(HealthCheckHandler.createWithHealthChecks(readiness));
    if (prometheus != null) {
      router.get(METRICS_PATH).handler(PrometheusScrapingHandler.create(prometheus));
    }
    return router;
  }

  Vertx vertx() {
    return vertx;
  }
}
