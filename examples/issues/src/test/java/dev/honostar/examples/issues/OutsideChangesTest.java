package dev.honostar.examples.issues;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes B and C of one app on the real PostgreSQL and Redis: an issue inserted with plain SQL
 * (the notify trigger and each node's LISTEN feed) reaches the tabs of both, and so does an issue
 * whose node A was killed with SIGKILL between its commit and its publish (the outbox: B's or
 * C's relay publishes it after {@code HONOSTAR_OUTBOX_TAKEOVER_MS}).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsideChangesTest {

  private static final String PG = System.getenv().getOrDefault("ISSUES_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test");
  /** Takeover after a second, relay polls every 200 ms: a dead node's events are out within about 1.2 s. */
  private static final long TAKEOVER_MS = 1_000;

  private Vertx vertx;
  private IssuesApp.Running b;
  private IssuesApp.Running c;
  private Database.Jdbc admin;
  private String schema;
  private Map<String, String> env;

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    Assumptions.assumeTrue(listening(6379), "Redis is not running on 127.0.0.1:6379");
    this.vertx = vertx;
    admin = Database.parseUrl(PG);
    schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password()); Statement st = c.createStatement()) {
      st.execute("create schema " + schema);
    } catch (Exception e) {
      Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
    }
    env = new HashMap<>();
    env.put("PORT", "0");
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_DB_POOL_SIZE", "2");
    env.put("ISSUES_SEED", "false");
    env.put("DATABASE_URL", PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    env.put("HONOSTAR_REDIS_URL", "redis://127.0.0.1:6379");
    env.put("HONOSTAR_BUS_PREFIX", "issues-it-" + schema);
    env.put("HONOSTAR_SIGNING_SECRET", "outside-changes-test-secret-0123456789abcdef");
    env.put("HONOSTAR_OUTBOX_TAKEOVER_MS", Long.toString(TAKEOVER_MS));
    env.put("HONOSTAR_OUTBOX_POLL_MS", "200");
    b = Browser.await(IssuesApp.start(vertx, with("HONOSTAR_BUS_NODE_ID", "node-b")));
    c = Browser.await(IssuesApp.start(vertx, with("HONOSTAR_BUS_NODE_ID", "node-c")));
  }

  private Map<String, String> with(String... pairs) {
    Map<String, String> m = new HashMap<>(env);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @AfterAll
  void stop() throws Exception {
    if (b != null) {
      Browser.await(b.close());
    }
    if (c != null) {
      Browser.await(c.close());
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password()); Statement st = c.createStatement()) {
        st.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static String email(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void anIssueInsertedWithPlainSqlAppearsInEveryOpenTab() throws Exception {
    try (Browser onB = new Browser(vertx, b.port()); Browser onC = new Browser(vertx, c.port());
         Browser.LiveStream tabB = onB.live(onB.page("/issues")); Browser.LiveStream tabC = onC.live(onC.page("/issues"))) {
      tabB.await(e -> e.contains("id=\"issues-list\""), "the initial #issues-list on B");
      tabC.await(e -> e.contains("id=\"issues-list\""), "the initial #issues-list on C");
      String title = "From psql " + UUID.randomUUID().toString().substring(0, 8);
      // As psql, a migration or another service would: a connection of its own, not the app's.
      try (Connection db = DriverManager.getConnection(admin.url(), admin.user(), admin.password())) {
        long user;
        try (PreparedStatement ps = db.prepareStatement("insert into " + schema + ".users (name, email, password_hash) values ('Ops', ?, 'x')",
          new String[] {"id"})) {
          ps.setString(1, email("ops"));
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            user = keys.getLong(1);
          }
        }
        try (PreparedStatement ps = db.prepareStatement("insert into " + schema + ".issues (title, author_id) values (?, ?)")) {
          ps.setString(1, title);
          ps.setLong(2, user);
          ps.executeUpdate();
        }
      }
      tabB.await(e -> e.contains("id=\"issues-list\"") && e.contains(title), "the issue inserted with SQL, on B");
      tabC.await(e -> e.contains("id=\"issues-list\"") && e.contains(title), "the issue inserted with SQL, on C");
    }
  }

  @Test
  void aNodeKilledBetweenCommitAndPublishLosesNoIssue() throws Exception {
    int portA = AppProcess.freePort();
    try (AppProcess a = AppProcess.java(with("PORT", Integer.toString(portA), "HONOSTAR_BUS_NODE_ID", "node-a",
      OutsideChanges.HOLD_AFTER_COMMIT, "true"), IssuesApp.class.getName())) {
      a.await(l -> l.contains("HonoStar Issues: http://localhost:" + portA), AppProcess.START);
      try (Browser onA = new Browser(vertx, portA); Browser onB = new Browser(vertx, b.port()); Browser onC = new Browser(vertx, c.port());
           Browser.LiveStream tabB = onB.live(onB.page("/issues")); Browser.LiveStream tabC = onC.live(onC.page("/issues"))) {
        tabB.await(e -> e.contains("id=\"issues-list\""), "the initial #issues-list on B");
        tabC.await(e -> e.contains("id=\"issues-list\""), "the initial #issues-list on C");
        onA.signup("Ann", email("ann"), "correct horse");
        String title = "Survives kill -9 " + UUID.randomUUID().toString().substring(0, 8);
        // Node A commits the issue and its event, then the hook parks the command before the publish.
        CompletableFuture<Void> post = CompletableFuture.runAsync(() -> onA.createIssue(title, "committed, never published by A"));
        a.await(l -> l.contains("HELD AFTER COMMIT"), Duration.ofSeconds(20));
        a.kill();
        post.handle((v, err) -> null).join();

        tabB.await(e -> e.contains("id=\"issues-list\"") && e.contains(title), "the dead node's issue, on B");
        tabC.await(e -> e.contains("id=\"issues-list\"") && e.contains(title), "the dead node's issue, on C");

        // A marker after it: B's and C's relays may both have published A's event; each tab rendered it once.
        onB.signup("Ben", email("ben"), "correct horse");
        String marker = "Marker " + UUID.randomUUID().toString().substring(0, 8);
        onB.createIssue(marker, "after");
        tabB.await(e -> e.contains(marker), "the marker on B");
        tabC.await(e -> e.contains(marker), "the marker on C");
        for (Browser.LiveStream tab : new Browser.LiveStream[] {tabB, tabC}) {
          long renders = Arrays.stream(tab.text().split("\n\n")).filter(e -> e.contains(title) && !e.contains(marker)).count();
          assertThat(renders).as("renders of the list with the dead node's issue before the marker").isEqualTo(1);
        }
      }
    }
  }
}
