package dev.honostar.outside;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TestSupport;
import dev.honostar.bus.TopicBus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY on the real PostgreSQL (127.0.0.1:5432, db test), two nodes on the real Redis. */
class PgNotificationsTest {

  static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  Vertx vertx;
  final String tag = UUID.randomUUID().toString().substring(0, 8);
  final String channel = "hs_feed_" + tag;
  final String topic = "rows-" + tag;
  final String app = "hs-feed-" + tag;
  final SimpleMeterRegistry registryA = new SimpleMeterRegistry();
  final List<DomainEvent> atA = new CopyOnWriteArrayList<>();
  final List<DomainEvent> atB = new CopyOnWriteArrayList<>();
  TopicBus a;
  TopicBus b;
  Feed feedA;
  Feed feedB;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    String prefix = TestSupport.uniquePrefix();
    a = await(TopicBus.create(vertx, new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379").setPrefix(prefix), registryA), 10_000);
    b = await(TopicBus.create(vertx, new BusOptions().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379").setPrefix(prefix)), 10_000);
    await(a.subscribe(topic, atA::add), 10_000);
    await(b.subscribe(topic, atB::add), 10_000);
    PgConnectOptions pg = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase("test").setUser("postgres")
      .setProperties(Map.of("application_name", app));
    FeedOptions options = new FeedOptions().setName("pg-" + tag).setReconnectBackoffMin(20).setReconnectBackoffMax(200).addTopic(topic);
    feedA = PgNotifications.feed(vertx, a, pg, options, channel);
    feedB = PgNotifications.feed(vertx, b, pg, options, channel);
    await(feedA.start(), 10_000);
    await(feedB.start(), 10_000);
  }

  @AfterEach
  void tearDown() {
    await(feedA.close(), 5_000);
    await(feedB.close(), 5_000);
    await(a.close(), 5_000);
    await(b.close(), 5_000);
    await(vertx.close(), 10_000);
  }

  private static void sql(String statement, Object... args) throws SQLException {
    try (Connection c = DriverManager.getConnection(JDBC); PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.execute();
    }
  }

  private void notifyRow(String name, int row) throws SQLException {
    sql("SELECT pg_notify(?, ?)", channel, "{\"topic\":\"" + topic + "\",\"name\":\"" + name + "\",\"payload\":{\"row\":" + row + "}}");
  }

  private static long count(List<DomainEvent> events, String name) {
    return events.stream().filter(e -> e.name().equals(name)).count();
  }

  @Test
  void aNotificationFromPlainSqlReachesEveryNodeOnce() throws Exception {
    notifyRow("row-changed", 1);
    notifyRow("marker", 2);
    await(eventually(vertx, 10_000, "both nodes saw the marker", () -> count(atA, "marker") > 0 && count(atB, "marker") > 0), 11_000);
    // Node B's feed heard the same two notifications and published them too: node A dropped both copies by id.
    await(eventually(vertx, 10_000, "node A dropped the two copies of node B's feed",
      () -> registryA.counter("honostar.bus.events.duplicates", "kind", "redis").count() >= 2), 11_000);
    assertThat(count(atA, "row-changed")).isEqualTo(1);
    assertThat(count(atB, "row-changed")).isEqualTo(1);
    assertThat(atA.get(0).payload().getInteger("row")).isEqualTo(1);
  }

  @Test
  void afterItsConnectionIsKilledTheFeedReconnectsResyncsAndHearsAgain() throws Exception {
    notifyRow("before", 1);
    await(eventually(vertx, 10_000, "the first notification", () -> count(atA, "before") == 1), 11_000);

    try (Connection c = DriverManager.getConnection(JDBC);
         PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        int killed = 0;
        while (rs.next()) {
          killed++;
        }
        assertThat(killed).as("listening connections killed").isEqualTo(2);
      }
    }
    await(eventually(vertx, 10_000, "a resync on the feed's topic after the gap", () -> count(atA, Feed.RESYNC) > 0), 11_000);
    await(eventually(vertx, 10_000, "both feeds listening again", () -> feedA.connected() && feedB.connected()), 11_000);

    notifyRow("after", 2);
    await(eventually(vertx, 10_000, "a notification after the reconnect", () -> count(atA, "after") == 1 && count(atB, "after") == 1), 11_000);
  }
}
