package dev.honostar.examples.issues;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes, one app: a shared PostgreSQL schema, the Redis bus and one signing secret. An
 * issue created on node A reaches tabs streaming from nodes B and C, whose queries re-read the
 * database.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {


  private Vertx vertx;
  private IssuesApp.Running a;
  private IssuesApp.Running b;
  private IssuesApp.Running c;
  private TestSchema schema;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    schema = TestSchema.create();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_DB_POOL_SIZE", "2");
    env.put("DATABASE_URL", schema.databaseUrl());
    env.put("HONOSTAR_REDIS_URL", "redis://127.0.0.1:6379");
    env.put("HONOSTAR_BUS_PREFIX", "issues-it-" + schema.name);
    env.put("HONOSTAR_SIGNING_SECRET", "multi-node-test-secret-0123456789abcdef");
    Map<String, String> envA = new HashMap<>(env);
    envA.put("HONOSTAR_BUS_NODE_ID", "node-a");
    Map<String, String> envB = new HashMap<>(env);
    envB.put("HONOSTAR_BUS_NODE_ID", "node-b");
    Map<String, String> envC = new HashMap<>(env);
    envC.put("HONOSTAR_BUS_NODE_ID", "node-c");
    a = Browser.await(IssuesApp.start(vertx, envA));
    b = Browser.await(IssuesApp.start(vertx, envB));
    c = Browser.await(IssuesApp.start(vertx, envC));
  }

  @AfterAll
  void stop() throws Exception {
    if (a != null) {
      Browser.await(a.close());
    }
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

  @Test
  void aChangeOnOneNodeReachesTabsOnTheOthers() {
    try (Browser onA = new Browser(vertx, a.port()); Browser onB = new Browser(vertx, b.port()); Browser onC = new Browser(vertx, c.port())) {
      onA.signup("Ann", "ann." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
      onB.signup("Ben", "ben." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
      onC.signup("Cat", "cat." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
      try (Browser.LiveStream onBStream = onB.live(onB.page("/issues")); Browser.LiveStream onCStream = onC.live(onC.page("/issues"))) {
        onBStream.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on B");
        onCStream.await(e -> e.contains("id=\"issues-rows\""), "the initial #issues-rows on C");
        String title = "Cross-node " + UUID.randomUUID().toString().substring(0, 8);
        long id = onA.createIssue(title, "created on node A");
        onBStream.await(e -> e.contains(title), "the title created on node A, on B");
        onCStream.await(e -> e.contains(title), "the title created on node A, on C");
        // Every node's pages read the same database.
        assertThat(onB.page("/issues/" + id).getElementById("issue-main").text()).contains(title);
        assertThat(onC.page("/issues/" + id).getElementById("issue-main").text()).contains(title);
      }
    }
  }
}
