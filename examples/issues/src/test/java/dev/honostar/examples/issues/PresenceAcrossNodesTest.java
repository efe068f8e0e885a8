package dev.honostar.examples.issues;

import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.Tab;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who's here across three tracker processes (one PostgreSQL schema, the Redis bus), tabs driven
 * through the test kit as Datastar drives them: users join and leave on each node, then one node
 * is SIGKILLed. Every tab left converges to the true set, the dead node's users within the
 * documented bound, {@code ttlMillis + heartbeatMillis / 2} (here 1.5 s + 0.25 s) plus a render.
 */
class PresenceAcrossNodesTest {

  private static final long HEARTBEAT = 500;
  private static final long TTL = 1_500;
  private static final long GRACE = 300;
  /** What the docs promise for a crashed node (docs/presence.md), and a margin for three JVMs on a small box. */
  private static final long BOUND = TTL + HEARTBEAT / 2;
  private static final long MARGIN = 2_000;

  private Vertx vertx;
  private TestSchema schema;
  private final List<AppProcess> nodes = new ArrayList<>();
  private final List<HonoStarTest> kits = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    schema = TestSchema.create();
    Map<String, String> env = new HashMap<>();
    env.put("ISSUES_BCRYPT_COST", "4");
    env.put("ISSUES_SEED", "false");
    env.put("ISSUES_DB_POOL_SIZE", "2");
    env.put("DATABASE_URL", schema.databaseUrl());
    env.put("HONOSTAR_REDIS_URL", "redis://127.0.0.1:6379");
    env.put("HONOSTAR_BUS_PREFIX", "presence-it-" + schema.name);
    env.put("HONOSTAR_SIGNING_SECRET", "presence-across-nodes-secret-0123456789abcdef");
    env.put("HONOSTAR_PRESENCE_HEARTBEAT_MS", Long.toString(HEARTBEAT));
    env.put("HONOSTAR_PRESENCE_TTL_MS", Long.toString(TTL));
    env.put("HONOSTAR_PRESENCE_LEAVE_GRACE_MS", Long.toString(GRACE));
    for (String id : List.of("a", "b", "c")) {
      int port = AppProcess.freePort();
      Map<String, String> nodeEnv = new HashMap<>(env);
      nodeEnv.put("PORT", Integer.toString(port));
      nodeEnv.put("HONOSTAR_BUS_NODE_ID", "node-" + id);
      AppProcess node = AppProcess.java(nodeEnv, IssuesApp.class.getName());
      nodes.add(node);
      // One after the other: the first migrates the schema.
      node.await(l -> l.contains("HonoStar Issues: http://localhost:" + port), AppProcess.START);
      kits.add(HonoStarTest.at(vertx, "http://localhost:" + port));
    }
  }

  @AfterEach
  void stop() throws Exception {
    kits.forEach(HonoStarTest::close);
    nodes.forEach(AppProcess::close);
    vertx.close().await(10, TimeUnit.SECONDS);
    if (schema != null) {
      schema.drop();
    }
  }

  private static Tab open(Browser browser, String path) {
    Tab tab = browser.open(path);
    tab.timeout(Duration.ofSeconds(20));
    return tab.connect();
  }

  private static List<String> here(Tab tab) {
    return tab.document().select("#issue-here .here__member").eachText();
  }

  private static void awaitHere(List<Tab> tabs, List<String> names) {
    for (Tab tab : tabs) {
      tab.awaitCondition("who's here: " + names, d -> d.select("#issue-here .here__member").eachText().equals(names));
    }
  }

  @Test
  void everyTabConvergesAfterJoinsLeavesAndAKilledNode() throws Exception {
    HonoStarTest a = kits.get(0);
    HonoStarTest b = kits.get(1);
    HonoStarTest c = kits.get(2);
    Browser alice = KitUsers.signedIn(a, "Alice");
    Browser bob = KitUsers.signedIn(b, "Bob");
    Browser carol = KitUsers.signedIn(c, "Carol");
    alice.open("/issues").submitWithoutJavaScript("#new-issue-form", Map.of("title", "Presence " + UUID.randomUUID(), "description", "d"));
    String path = alice.open("/issues").document().select("#issues-list a[href^=/issues/]").attr("href");
    assertThat(path).matches("/issues/\\d+");

    // Alice has two tabs on A, Bob one on B, Carol one on C; an anonymous visitor looks on from each node.
    List<Tab> onA = List.of(open(alice, path), open(alice, path), open(a.browser(), path));
    Tab bobTab = open(bob, path);
    Tab visitorB = open(b.browser(), path);
    List<Tab> onC = List.of(open(carol, path), open(c.browser(), path));
    List<Tab> all = new ArrayList<>(onA);
    all.addAll(List.of(bobTab, visitorB));
    all.addAll(onC);
    awaitHere(all, List.of("Alice", "Bob", "Carol"));

    // Bob leaves B (his one tab), then comes back; one of Alice's tabs closes, she stays (her other tab).
    all.remove(bobTab);
    bobTab.disconnect();
    awaitHere(all, List.of("Alice", "Carol"));
    Tab bobAgain = open(bob, path);
    all.add(bobAgain);
    onA.get(0).disconnect();
    all.remove(onA.get(0));
    awaitHere(all, List.of("Alice", "Bob", "Carol"));

    // C dies without a goodbye: the tabs on A and B drop Carol once C's announcements expire.
    nodes.get(2).kill();
    long killed = System.nanoTime();
    all.removeAll(onC);
    awaitHere(all, List.of("Alice", "Bob"));
    long convergedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    System.out.println("presence across nodes: tabs on the surviving nodes dropped the killed node's user after " + convergedMs
      + " ms (documented bound " + BOUND + " ms plus a render)");
    assertThat(convergedMs).as("within ttl + heartbeat / 2, plus a margin for three JVMs on a small box").isLessThan(BOUND + MARGIN);
    for (Tab tab : all) {
      assertThat(here(tab)).containsExactly("Alice", "Bob");
    }
  }
}
