package dev.honostar.examples.issues;

import dev.honostar.HonoStar;
import dev.honostar.outbox.Outbox;
import dev.honostar.outbox.OutboxOptions;
import dev.honostar.outside.Feed;
import dev.honostar.outside.FeedOptions;
import dev.honostar.outside.PgNotifications;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What keeps this node's tabs true to the database beyond its own commands: the outbox relay
 * (a new issue's event is committed with the issue, so a node dying before it publishes loses
 * nothing) and, on PostgreSQL, the feed of {@code issues_changed_<schema>} notifications (an
 * issue inserted with {@code psql} shows in every tab).
 */
final class OutsideChanges {

  /**
   * Test hook: {@code ISSUES_TEST_HOLD_AFTER_COMMIT=true} parks the command that created an
   * issue after its commit and before its publish, so a test can {@code kill -9} the node there.
   */
  static final String HOLD_AFTER_COMMIT = "ISSUES_TEST_HOLD_AFTER_COMMIT";

  private final Outbox outbox;
  private final Feed feed;

  private OutsideChanges(Outbox outbox, Feed feed) {
    this.outbox = outbox;
    this.feed = feed;
  }

  /** Starts the relay and (on PostgreSQL) the feed once {@code app}'s bus is up. */
  static Future<OutsideChanges> start(Vertx vertx, Map<String, String> env, HonoStar app, Database db, Store store) {
    Outbox outbox;
    try {
      outbox = Outbox.create(vertx, db.dataSource(), app.bus(), new OutboxOptions().applyEnvironment(env));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    boolean hold = "true".equalsIgnoreCase(env.getOrDefault(HOLD_AFTER_COMMIT, "false").trim());
    return vertx.executeBlocking(() -> {
      outbox.createTable();
      return null;
    }).compose(v -> {
      outbox.start();
      store.outbox(outbox, hold ? OutsideChanges::holdForever : outbox::relay);
      if (!db.jdbc().isPostgres()) {
        return Future.succeededFuture(new OutsideChanges(outbox, null));
      }
      Feed feed = PgNotifications.feed(vertx, app.bus(), db.jdbc().pgConnectOptions(),
        new FeedOptions().setName("issues-db").addTopic(Topics.issues().name()), db.jdbc().notifyChannel());
      return feed.start().map(x -> new OutsideChanges(outbox, feed));
    });
  }

  private static void holdForever() {
    System.out.println("HELD AFTER COMMIT");
    System.out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Future<Void> close() {
    Future<Void> f = feed == null ? Future.succeededFuture() : feed.close();
    return f.eventually(outbox::close);
  }
}
