package dev.honostar.outbox;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TestSupport;
import dev.honostar.bus.TopicBus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The outbox on the real PostgreSQL (127.0.0.1:5432, db test) and on H2, with two nodes on the real Redis. */
class OutboxTest {

  final Vertx vertx = Vertx.vertx();
  final String tag = UUID.randomUUID().toString().substring(0, 8);
  final String table = "outbox_" + tag;
  final String topic = "orders-" + tag;
  final OutboxOptions options = new OutboxOptions().setTable(table).setPollMillis(50).setTakeoverMillis(400);
  final List<DomainEvent> atA = new CopyOnWriteArrayList<>();
  final List<DomainEvent> atB = new CopyOnWriteArrayList<>();
  TopicBus a;
  TopicBus b;
  DataSource ds;

  static Stream<String> databases() {
    return Stream.of("postgresql", "h2");
  }

  private void setUp(String database) throws SQLException {
    if (database.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + tag + ";DB_CLOSE_DELAY=-1");
      ds = h2;
    } else {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      ds = pg;
    }
    String prefix = TestSupport.uniquePrefix();
    a = await(TopicBus.create(vertx, new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379").setPrefix(prefix)), 10_000);
    b = await(TopicBus.create(vertx, new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379").setPrefix(prefix)), 10_000);
    await(a.subscribe(topic, atA::add), 10_000);
    await(b.subscribe(topic, atB::add), 10_000);
    Outbox.create(vertx, ds, a, options).createTable();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE data_" + tag + " (id INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    if (ds != null) {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + table);
        st.execute("DROP TABLE IF EXISTS data_" + tag);
      }
    }
    await(a.close(), 5_000);
    await(b.close(), 5_000);
    await(vertx.close(), 10_000);
  }

  /** Inserts a data row and its event in one transaction, then commits or rolls back. */
  private DomainEvent change(Outbox outbox, int row, boolean commit) throws SQLException {
    DomainEvent event = DomainEvent.of(topic, "row-" + row, new JsonObject().put("row", row));
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("INSERT INTO data_" + tag + " VALUES (" + row + ")");
      }
      outbox.write(c, event);
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
    }
    return event;
  }

  private long pending() throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE published_at IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> names(List<DomainEvent> events) {
    return events.stream().map(DomainEvent::name).toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void committedEventsArePublishedInOrderAndMarkedRolledBackOnesNever(String database) throws Exception {
    setUp(database);
    Outbox outbox = Outbox.create(vertx, ds, a, options);
    DomainEvent first = change(outbox, 1, true);
    change(outbox, 2, false);
    change(outbox, 3, true);
    await(outbox.relay(), 10_000);
    await(eventually(vertx, 10_000, "both events at B", () -> atB.size() == 2), 11_000);
    assertThat(names(atA)).containsExactly("row-1", "row-3");
    assertThat(names(atB)).containsExactly("row-1", "row-3");
    assertThat(atB.get(0).id()).isEqualTo(first.id());
    assertThat(pending()).isZero();
    await(outbox.close(), 5_000);
  }

  /**
   * Node A committed two events and died before publishing; node B's relay publishes them once they are
   * takeoverMillis old, in order, and a node that already had one (A's own subscriber) does not get it twice.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void anotherNodePublishesADeadNodesEventsAfterTheTakeoverDelay(String database) throws Exception {
    setUp(database);
    Outbox dead = Outbox.create(vertx, ds, a, options); // never relays: A "died" after its commits
    long committed = System.nanoTime();
    change(dead, 1, true);
    change(dead, 2, true);
    Outbox relayOfB = Outbox.create(vertx, ds, b, options);
    // A fresh event of another node is not B's to publish yet, and neither is a later one of its topic.
    change(relayOfB, 3, true);
    await(relayOfB.relay(), 10_000);
    assertThat(atB).as("nothing before the takeover delay").isEmpty();

    relayOfB.start();
    await(eventually(vertx, 10_000, "the three events at A", () -> atA.size() == 3), 11_000);
    long tookMillis = (System.nanoTime() - committed) / 1_000_000;
    assertThat(tookMillis).as("published after the takeover delay").isGreaterThanOrEqualTo(options.getTakeoverMillis());
    assertThat(names(atA)).containsExactly("row-1", "row-2", "row-3");
    assertThat(names(atB)).containsExactly("row-1", "row-2", "row-3");
    await(eventually(vertx, 10_000, "nothing pending", () -> {
      try {
        return pending() == 0;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }), 11_000);
    await(relayOfB.close(), 5_000);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void twoRelaysPublishingTheSameRowsRenderOnce(String database) throws Exception {
    setUp(database);
    Outbox relayA = Outbox.create(vertx, ds, a, new OutboxOptions(options.toJson()).setTakeoverMillis(100));
    Outbox relayB = Outbox.create(vertx, ds, b, new OutboxOptions(options.toJson()).setTakeoverMillis(100));
    Outbox writer = Outbox.create(vertx, ds, a, options);
    for (int i = 0; i < 20; i++) {
      change(writer, i, true);
    }
    // Both relays race for the same rows, so a row may be published twice; every node still delivers each once.
    relayA.start();
    relayB.start();
    await(eventually(vertx, 10_000, "20 events at both nodes", () -> atA.size() >= 20 && atB.size() >= 20), 11_000);
    DomainEvent marker = change(writer, 100, true);
    await(eventually(vertx, 10_000, "the marker at both nodes",
      () -> atA.stream().anyMatch(e -> e.id().equals(marker.id())) && atB.stream().anyMatch(e -> e.id().equals(marker.id()))), 11_000);
    assertThat(atA).hasSize(21);
    assertThat(atB).hasSize(21);
    await(relayA.close(), 5_000);
    await(relayB.close(), 5_000);
  }
}
