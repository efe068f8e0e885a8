package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import dev.honostar.bus.TestSupport;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one app on a real backend, sharing state (as they would share a database) and
 * the signing secret: what happens on one node reaches tabs on the other.
 */
class MultiNodeLiveTest {

  private static final String SECRET = "multi-node-test-secret-0123456789abcdef";

  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<ExternalProcess> brokers = new ArrayList<>();
  private final List<String> database = new CopyOnWriteArrayList<>();

  private record Node(Vertx vertx, HttpServer server, BoardApp app) {
    int port() {
      return server.actualPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : vertxes) {
      v.close().await(20, TimeUnit.SECONDS);
    }
    brokers.forEach(ExternalProcess::kill);
  }

  private Node node(BusKind kind, String url, String prefix, int hazelcastPort, List<String> members) throws Exception {
    Vertx vertx;
    if (kind == BusKind.CLUSTERED) {
      HazelcastClusterOptions hz = new HazelcastClusterOptions().setClusterName(prefix).setHost("127.0.0.1")
        .setPort(hazelcastPort).setMembers(members);
      vertx = HazelcastClustering.clusteredVertx(hz, new VertxOptions()).await(60, TimeUnit.SECONDS);
    } else {
      vertx = Vertx.vertx();
    }
    vertxes.add(vertx);
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", SECRET));
    options.getBus().setKind(kind).setPrefix(prefix);
    if (kind == BusKind.REDIS) {
      options.getBus().setRedisUrl(url);
    } else if (kind == BusKind.NATS) {
      options.getBus().setNatsUrl(url);
    }
    options.getLive().setCoalesceMillis(0);
    BoardApp app = new BoardApp(database);
    Vertx v = vertx;
    HttpServer server = app.router(vertx, options, new SimpleMeterRegistry())
      .compose(router -> v.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
    return new Node(vertx, server, app);
  }

  private List<Node> cluster(BusKind kind) throws Exception {
    String prefix = "it" + TestSupport.uniquePrefix();
    switch (kind) {
      case REDIS -> {
        int port = TestSupport.freePort();
        brokers.add(ExternalProcess.redis(port));
        return List.of(node(kind, "redis://127.0.0.1:" + port, prefix, 0, List.of()),
          node(kind, "redis://127.0.0.1:" + port, prefix, 0, List.of()));
      }
      case NATS -> {
        int port = TestSupport.freePort();
        brokers.add(ExternalProcess.nats(port));
        return List.of(node(kind, "nats://127.0.0.1:" + port, prefix, 0, List.of()),
          node(kind, "nats://127.0.0.1:" + port, prefix, 0, List.of()));
      }
      case CLUSTERED -> {
        int a = TestSupport.freePort();
        int b = TestSupport.freePort();
        List<String> members = List.of("127.0.0.1:" + a, "127.0.0.1:" + b);
        Node first = node(kind, null, prefix, a, members);
        return List.of(first, node(kind, null, prefix, b, members));
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"REDIS", "NATS", "CLUSTERED"})
  void aCommandOnOneNodeUpdatesTabsOnTheOtherAndAKilledNodesTabsConverge(BusKind kind) throws Exception {
    List<Node> nodes = cluster(kind);
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    Tab onA = BoardFixture.browserAt(a.vertx(), a.port()).open("/board");
    Browser browserOnB = BoardFixture.browserAt(b.vertx(), b.port());
    Tab streamOnB = browserOnB.open("/board").connect();
    BoardFixture.awaitReceived(streamOnB, "<ul id=\"items\"></ul>");

    assertThat(BoardFixture.command(onA, HttpMethod.POST, "/items", new JsonObject().put("title", "from A")).status()).isEqualTo(204);
    BoardFixture.awaitReceived(streamOnB, "<li>from A</li>");

    // Node B dies; its tab reconnects to node A with the same token and converges.
    b.vertx().close().await(20, TimeUnit.SECONDS);
    vertxes.remove(b.vertx());
    BoardFixture.command(onA, HttpMethod.POST, "/items", new JsonObject().put("title", "while B was gone"));
    // The same browser (its cookies), now sent to node A, as a load balancer does.
    Browser moved = BoardFixture.browserAt(a.vertx(), a.port());
    browserOnB.cookies().forEach(moved::cookie);
    try (SseRecorder streamOnA = moved.record(BoardFixture.liveQuery(BoardFixture.token(streamOnB)))) {
      assertThat(streamOnA.status()).isEqualTo(200);
      streamOnA.awaitEvent(e -> e.raw().contains("<li>from A</li><li>while B was gone</li>"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"REDIS", "NATS", "CLUSTERED"})
  void aNodeInAnotherProcessUpdatesItsTabs(BusKind kind) throws Exception {
    String prefix = "it" + TestSupport.uniquePrefix();
    String target;
    int childHazelcastPort = 0;
    Node a;
    if (kind == BusKind.CLUSTERED) {
      int mine = TestSupport.freePort();
      childHazelcastPort = TestSupport.freePort();
      target = "127.0.0.1:" + mine + ",127.0.0.1:" + childHazelcastPort;
      a = node(kind, null, prefix, mine, List.of(target.split(",")));
    } else {
      int port = TestSupport.freePort();
      brokers.add(kind == BusKind.REDIS ? ExternalProcess.redis(port) : ExternalProcess.nats(port));
      target = (kind == BusKind.REDIS ? "redis://127.0.0.1:" : "nats://127.0.0.1:") + port;
      a = node(kind, target, prefix, 0, List.of());
    }
    ExternalProcess child = ExternalProcess.start("board-node", List.of(TestSupport.javaBinary(), "-cp", System.getProperty("java.class.path"),
      BoardNodeMain.class.getName(), kind.name(), target, prefix, String.valueOf(childHazelcastPort), SECRET), Map.of());
    brokers.add(child);
    int childPort = Integer.parseInt(child.awaitLine(l -> l.startsWith("READY "), 60_000).substring(6).trim());

    Tab stream = BoardFixture.browserAt(a.vertx(), childPort).open("/feed").connect();
    BoardFixture.awaitReceived(stream, "<p id=\"last\">nothing yet</p>");
    Tab onA = BoardFixture.browserAt(a.vertx(), a.port()).open("/feed");
    // A cluster may still be settling its topology: keep posting until the other process shows it.
    String seen = null;
    for (int i = 0; i < 50 && seen == null; i++) {
      BoardFixture.command(onA, HttpMethod.POST, "/feed", new JsonObject().put("title", "hello from another JVM " + i));
      Duration timeout = stream.timeout();
      try {
        seen = BoardFixture.awaitReceived(stream.timeout(Duration.ofMillis(200)), "hello from another JVM");
      } catch (AssertionError notYet) {
        // try again
      } finally {
        stream.timeout(timeout);
      }
    }
    assertThat(seen).as("the other process's tab got the patch").contains("<p id=\"last\">hello from another JVM");
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"REDIS", "NATS"})
  void aBrokerRestartHealsTabsThatMissedEvents(BusKind kind) throws Exception {
    List<Node> nodes = cluster(kind);
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    int port = Integer.parseInt(kind == BusKind.REDIS
      ? a.app().honostar.options().getBus().getRedisUrl().replaceAll(".*:", "")
      : a.app().honostar.options().getBus().getNatsUrl().replaceAll(".*:", ""));
    Tab onA = BoardFixture.browserAt(a.vertx(), a.port()).open("/board");
    Tab streamOnB = BoardFixture.browserAt(b.vertx(), b.port()).open("/board").connect();
    BoardFixture.awaitReceived(streamOnB, "<ul id=\"items\"></ul>");

    brokers.get(0).kill();
    // Published during the outage: node A has it, node B's bus cannot receive it.
    BoardFixture.command(onA, HttpMethod.POST, "/items", new JsonObject().put("title", "during the outage"));
    brokers.set(0, kind == BusKind.REDIS ? ExternalProcess.redis(port) : ExternalProcess.nats(port));
    // After its bus reconnects, node B re-renders and the tab heals.
    BoardFixture.awaitReceived(streamOnB, "<li>during the outage</li>");
    assertThat(Future.succeededFuture(b.app().honostar.bus().health().up()).result()).isTrue();
  }
}
