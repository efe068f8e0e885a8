package dev.honostar.verticles;

import dev.honostar.HonoStar;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * An app the ready-made {@link HonoStarVerticle} serves: it registers its pages, commands and
 * layouts on a HonoStar the verticle created (so the verticle can report readiness and drain
 * it), and may open and close its own resources and add readiness checks.
 *
 * <p>Named in the verticle's config by class name, with a public no-argument constructor:
 *
 * <pre>{@code
 * // conf.json: {"app": "com.example.IssuesApp", "http.port": 8080, "live": {"drainMillis": 15000}}
 * public final class IssuesApp implements HonoStarApp {
 *   private Pool pool;
 *   public Future<Void> start(Vertx vertx, JsonObject config) { pool = ...; return Future.succeededFuture(); }
 *   public void configure(HonoStar app) { app.routes(RouteTable.discover()); }
 *   public void readiness(OpsEndpoints ops) { ops.readiness("database", p -> ping(pool).onComplete(p)); }
 *   public Future<Void> stop() { return pool.close(); }
 * }
 * }</pre>
 *
 * One instance is created per node and deployment: the {@code -instances N} of one deployment
 * share it (and its HonoStar, live hub and bus connection), so state in its fields is per
 * node. State every node must see (counters, caches across nodes) belongs in a database.
 */
public interface HonoStarApp {

  /** Opens the app's resources (database pools, clients) before {@link #configure}. */
  default Future<Void> start(Vertx vertx, JsonObject config) {
    return Future.succeededFuture();
  }

  /** Registers pages, layouts, commands, effects and streams. Do not call {@code router()}. */
  void configure(HonoStar honostar);

  /**
   * Runs once the app's router and bus are up, before the node takes traffic: start here what
   * publishes on the bus, such as an outbox relay or a feed of changes made outside the app.
   * A failed future fails the deployment (and {@link #stop} still runs).
   *
   * <pre>{@code
   * public Future<Void> started(HonoStar honostar) {
   *   outbox = Outbox.create(vertx, dataSource, honostar.bus(), new OutboxOptions());
   *   return vertx.executeBlocking(() -> { outbox.createTable(); return null; }).onSuccess(v -> outbox.start());
   * }
   * }</pre>
   */
  default Future<Void> started(HonoStar honostar) {
    return Future.succeededFuture();
  }

  /** Adds readiness checks (e.g. a database ping) next to HonoStar's own. */
  default void readiness(OpsEndpoints ops) {
  }

  /** Closes the app's resources; runs after the live streams drained and the HTTP server closed. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
