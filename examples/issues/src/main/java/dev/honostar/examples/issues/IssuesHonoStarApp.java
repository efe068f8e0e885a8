package dev.honostar.examples.issues;

import dev.honostar.HonoStar;
import dev.honostar.verticles.HonoStarApp;
import dev.honostar.verticles.OpsEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.util.HashMap;
import java.util.Map;

/**
 * The issue tracker as an app of the ready-made verticle, so it runs under the launcher
 * ({@code java -jar issues-demo.jar}, {@code vertx run … -cluster -instances N}) with health,
 * readiness (including a database ping), metrics and a graceful drain.
 *
 * <p>Configuration comes from the environment ({@code DATABASE_URL}, {@code HONOSTAR_DATA_DIR},
 * …), which JSON config keys of the same names override.
 */
public final class IssuesHonoStarApp implements HonoStarApp {

  private Vertx vertx;
  private Database database;
  private Store store;
  private Passwords passwords;
  private Map<String, String> env;
  private OutsideChanges outside;

  @Override
  public Future<Void> start(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    env = new HashMap<>(System.getenv());
    config.forEach(e -> {
      if (e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean) {
        env.put(e.getKey(), String.valueOf(e.getValue()));
      }
    });
    return IssuesApp.openDatabase(vertx, env).map(opened -> {
      database = opened.database();
      store = new Store(database.dataSource());
      passwords = opened.passwords();
      return null;
    });
  }

  @Override
  public void configure(HonoStar honostar) {
    IssuesApp.register(honostar, store, passwords);
  }

  /**
   * As {@link IssuesApp#start} does: the outbox relay (so an issue committed on a node that dies
   * before publishing still reaches every tab) and, on PostgreSQL, the feed of changes made
   * outside the app. Both need the app's bus, so they start here rather than in {@link #start}.
   */
  @Override
  public Future<Void> started(HonoStar honostar) {
    return OutsideChanges.start(vertx, env, honostar, database, store).map(started -> {
      outside = started;
      return null;
    });
  }

  @Override
  public void readiness(OpsEndpoints ops) {
    ops.readiness("database", promise -> vertx.executeBlocking(() -> {
      database.ping();
      return null;
    }).onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO(new JsonObject().put("error", "database unreachable")))));
  }

  @Override
  public Future<Void> stop() {
    Future<Void> outsideClosed = outside == null ? Future.succeededFuture() : outside.close();
    return outsideClosed.eventually(() -> database == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      database.close();
      return null;
    }));
  }
}
