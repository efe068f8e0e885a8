package dev.honostar.outbox;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.outbox.impl.OutboxImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A transactional outbox: a command writes its domain events into a table in the same transaction as its data, and a
 * relay publishes them on the bus and marks them published. When the node dies between commit and publish, another
 * node's relay publishes the events once they are {@link OutboxOptions#getTakeoverMillis() takeoverMillis} old.
 *
 * <p>Guarantees: every committed event is published at least once while any node runs a relay; each relay publishes
 * in commit-sequence order, and an event waits while an earlier one of its topic is pending, so a topic's events
 * are published in order; receiving nodes drop an event id they delivered already, so a re-publication causes no
 * second render. Works on PostgreSQL and H2 (its PostgreSQL mode or not).
 *
 * <pre>{@code
 * Outbox outbox = Outbox.create(vertx, dataSource, bus, new OutboxOptions());
 * outbox.createTable();                                   // blocking, idempotent; or in a migration
 * outbox.start();
 * // in a blocking command handler:
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   long id = insertIssue(c, title);
 *   outbox.write(c, DomainEvent.of("issues", "issue-created", new JsonObject().put("id", id)));
 *   c.commit();
 * }
 * outbox.relay();                                         // publish now rather than at the next poll
 * }</pre>
 */
public interface Outbox {

  /** An outbox over {@code dataSource}, publishing on {@code bus} as the bus's node. */
  static Outbox create(Vertx vertx, DataSource dataSource, TopicBus bus, OutboxOptions options) {
    return new OutboxImpl(vertx, dataSource, bus, options);
  }

  /** The DDL of the table (PostgreSQL and H2), for a migration tool; {@link #createTable()} runs it. */
  String ddl();

  /** Creates the table and its index when missing. Blocking: call it off the event loop. */
  void createTable() throws SQLException;

  /**
   * Stores events in the caller's transaction on {@code connection}; they are published after the transaction
   * commits (at the next relay pass: call {@link #relay()} after the commit to publish at once). Blocking.
   */
  void write(Connection connection, DomainEvent... events) throws SQLException;

  /** Starts the periodic relay of this node. */
  Outbox start();

  /**
   * Runs a relay pass now (or once more after the running one): publishes the pending events this node may publish.
   * The future completes when that pass is done; it fails when the database or the broker failed (the events stay
   * pending and a later pass retries).
   */
  Future<Void> relay();

  /** Stops the relay; pending events stay in the table for the other nodes (or the next start). */
  Future<Void> close();
}
