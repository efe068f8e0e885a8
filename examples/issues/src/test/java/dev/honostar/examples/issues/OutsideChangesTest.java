package dev.honostar.examples.issues;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

  /** Takeover after a second, relay polls every 200 ms: a dead node's events are out within about 1.2 s. */
  private static final long TAKEOVER_MS = 1_000;

  private Vertx vertx;
  private IssuesApp.Running b;
  private IssuesApp.Running c;
  private TestSchema schema;
  private Map<String, String> env;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    schema = TestSchema.create();
    env = new HashMap<>();
    env.put("PORT", "0");
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_DB_POOL_SIZE", "2");
    env.put("ISSUES_SEED", "false");
    env.put("DATABASE_URL", schema.databaseUrl());
    env.put("HONOSTAR_REDIS_URL", "redis://127.0.0.1:6379");
    env.put("HONOSTAR_BUS_PREFIX", "issues-it-" + schema.name);
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
      schema.drop();
    }
  }

  private static String email(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void anIssueInsertedWithPlainSqlAppearsInEveryOpenTab() throws Exception {
    try (Browser onB = new Browser(vertx, b.port()); Browser onC = new Browser(vertx, c.port());
         Browser.LiveStream tabB = onB.live(onB.page("/issues")); Browser.LiveStream tabC = onC.live(onC.page("/issues"))) {
      tabB.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on B");
      tabC.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on C");
      String title = "From psql " + UUID.randomUUID().toString().substring(0, 8);
      // As psql, a migration or another service would: a connection of its own, not the app's.
      try (Connection db = schema.connect()) {
        long user;
        try (PreparedStatement ps = db.prepareStatement("insert into " + schema.name + ".users (name, email, password_hash) values ('Ops', ?, 'x')",
          new String[] {"id"})) {
          ps.setString(1, email("ops"));
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            user = keys.getLong(1);
          }
        }
        try (PreparedStatement ps = db.prepareStatement("insert into " + schema.name + ".issues (title, author_id) values (?, ?)")) {
          ps.setString(1, title);
          ps.setLong(2, user);
          ps.executeUpdate();
        }
      }
      tabB.await(e -> e.contains(title), "the issue inserted with SQL, on B");
      tabC.await(e -> e.contains(title), "the issue inserted with SQL, on C");
    }
  }

  /**
   * Ann closes her issue on node B: Ben's tab of the issue on node C gets the toast "Ann closed
   * it", Ann's own tab does not (it has the command's reply). Ben's tab blinks while Ann reopens
   * it, and gets "Ann reopened it" on reconnecting with the last event id it had.
   */
  @Test
  void aToastForTheOthersCrossesNodesAndIsReplayedToATabThatBlinked() throws Exception {
    try (Browser ann = new Browser(vertx, b.port()); Browser ben = new Browser(vertx, c.port())) {
      ann.signup("Ann", email("ann"), "correct horse");
      ben.signup("Ben", email("ben"), "correct horse");
      long id = ann.createIssue("Toast " + UUID.randomUUID().toString().substring(0, 8), "for the others");
      org.jsoup.nodes.Document page = ben.page("/issues/" + id);
      String lastId;
      try (Browser.LiveStream annTab = ann.live(ann.page("/issues/" + id)); Browser.LiveStream benTab = ben.live(page)) {
        annTab.await(e -> e.contains("id=\"issue-main\""), "Ann's issue");
        benTab.await(e -> e.contains("id=\"issue-main\""), "Ben's issue");
        ann.form("/issues/" + id + "/status", "/issues/" + id, "status", "closed");
        benTab.await(e -> e.contains("Ann closed it"), "the toast on Ben's tab, on the other node");
        String position = benTab.await(e -> e.contains("\"e\":") && e.contains("id: "), "the position after the toast");
        lastId = position.replaceAll("(?s).*id: (\\S+).*", "$1");
        annTab.await(e -> e.contains("issue-main") && e.contains(">Closed<"), "Ann's tab re-rendered");
        assertThat(annTab.text()).doesNotContain("Ann closed it");
      }
      ann.form("/issues/" + id + "/status", "/issues/" + id, "status", "open");
      try (Browser.LiveStream again = ben.live(page, lastId)) {
        again.await(e -> e.contains("Ann reopened it"), "the toast Ben's tab missed, replayed");
        assertThat(again.text()).doesNotContain("Ann closed it");
      }
    }
  }

  /**
   * Node A runs as its own main ({@code IssuesApp}) or as the shipped jar runs it (the launcher
   * deploying {@code IssuesVerticle}, as in Kubernetes); the launcher's node once started neither
   * the relay nor the feed, so its committed issues were lost with it.
   */
  @ParameterizedTest(name = "node A started by {0}")
  @ValueSource(strings = {"IssuesApp", "the launcher"})
  void aNodeKilledBetweenCommitAndPublishLosesNoIssue(String startedBy) throws Exception {
    int portA = AppProcess.freePort();
    Map<String, String> envA = with("PORT", Integer.toString(portA), "HONOSTAR_BUS_NODE_ID", "node-a", OutsideChanges.HOLD_AFTER_COMMIT, "true");
    boolean launcher = startedBy.equals("the launcher");
    try (AppProcess a = launcher
      ? AppProcess.java(envA, dev.honostar.verticles.HonoStarLauncher.class.getName(), "run", IssuesVerticle.class.getName())
      : AppProcess.java(envA, IssuesApp.class.getName())) {
      a.await(l -> l.contains(launcher ? "listening on port " + portA : "HonoStar Issues: http://localhost:" + portA), AppProcess.START);
      try (Browser onA = new Browser(vertx, portA); Browser onB = new Browser(vertx, b.port()); Browser onC = new Browser(vertx, c.port());
           Browser.LiveStream tabB = onB.live(onB.page("/issues")); Browser.LiveStream tabC = onC.live(onC.page("/issues"))) {
        tabB.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on B");
        tabC.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on C");
        onA.signup("Ann", email("ann"), "correct horse");
        String title = "Survives kill -9 " + UUID.randomUUID().toString().substring(0, 8);
        // Node A commits the issue and its event, then the hook parks the command before the publish.
        CompletableFuture<Void> post = CompletableFuture.runAsync(() -> onA.createIssue(title, "committed, never published by A"));
        a.await(l -> l.contains("HELD AFTER COMMIT"), Duration.ofSeconds(20));
        a.kill();
        post.handle((v, err) -> null).join();

        tabB.await(e -> e.contains(title), "the dead node's issue, on B");
        tabC.await(e -> e.contains(title), "the dead node's issue, on C");

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
