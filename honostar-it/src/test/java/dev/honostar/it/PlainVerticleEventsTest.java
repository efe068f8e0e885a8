package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import dev.honostar.bus.TestSupport;
import dev.honostar.test.Tab;
import examples.EventBusExamples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Vert.x verticle (or a plain Redis/NATS client) that knows nothing of HonoStar consumes
 * the domain events a command publishes, and publishes events a live page re-renders on: on the
 * local and the clustered event bus, and on Redis and NATS. The code is docs/scaling.md's.
 */
class PlainVerticleEventsTest {

  private static final String SECRET = "plain-verticle-events-secret-0123456789abcdef";

  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<AutoCloseable> others = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : others) {
      c.close();
    }
    for (Vertx v : vertxes) {
      v.close().await(20, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"LOCAL", "CLUSTERED", "REDIS", "NATS"})
  void aPlainVerticleConsumesAndPublishesTheSameEvents(BusKind kind) throws Exception {
    Vertx honostarVertx;
    Vertx plainVertx;
    String url = null;
    if (kind == BusKind.CLUSTERED) {
      String cluster = "plain" + TestSupport.uniquePrefix();
      int a = TestSupport.freePort();
      int b = TestSupport.freePort();
      List<String> members = List.of("127.0.0.1:" + a, "127.0.0.1:" + b);
      honostarVertx = cluster(cluster, a, members);
      plainVertx = cluster(cluster, b, members);
    } else {
      honostarVertx = track(Vertx.vertx());
      plainVertx = kind == BusKind.LOCAL ? honostarVertx : track(Vertx.vertx());
      if (kind != BusKind.LOCAL) {
        int port = TestSupport.freePort();
        ExternalProcess broker = kind == BusKind.REDIS ? ExternalProcess.redis(port) : ExternalProcess.nats(port);
        others.add(broker::kill);
        url = (kind == BusKind.REDIS ? "redis://127.0.0.1:" : "nats://127.0.0.1:") + port;
      }
    }
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", SECRET));
    options.getBus().setKind(kind);
    if (kind == BusKind.REDIS) {
      options.getBus().setRedisUrl(url);
    } else if (kind == BusKind.NATS) {
      options.getBus().setNatsUrl(url);
    }
    options.getLive().setCoalesceMillis(0);
    BoardApp app = new BoardApp();
    HttpServer server = app.router(honostarVertx, options, new SimpleMeterRegistry())
      .compose(router -> honostarVertx.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);

    // The plain side: consume the feed topic, and a way to publish on it.
    LinkedBlockingQueue<JsonObject> audited = new LinkedBlockingQueue<>();
    java.util.function.Consumer<JsonObject> publish;
    switch (kind) {
      case REDIS -> {
        Redis redis = Redis.createClient(plainVertx, url);
        EventBusExamples.consumeOnRedis(redis, "feed", audited::add).await(10, TimeUnit.SECONDS);
        publish = payload -> EventBusExamples.publishOnRedis(redis, "feed", "posted", payload);
      }
      case NATS -> {
        Connection nats = Nats.connect(url);
        others.add(0, nats::close);
        EventBusExamples.consumeOnNats(nats, "feed", audited::add);
        nats.flush(java.time.Duration.ofSeconds(5));
        publish = payload -> EventBusExamples.publishOnNats(nats, "feed", "posted", payload);
      }
      default -> {
        plainVertx.deployVerticle(new EventBusExamples.AuditVerticle("feed", audited::add)).await(10, TimeUnit.SECONDS);
        publish = payload -> EventBusExamples.publish(plainVertx, "feed", "posted", payload);
      }
    }

    Tab tab = BoardFixture.browserAt(honostarVertx, server.actualPort()).open("/feed").connect();
    BoardFixture.awaitReceived(tab, "<p id=\"last\">nothing yet</p>");

    // A command's event reaches the plain consumer, in the documented shape. A cluster may
    // still be settling its subscriptions: post until the consumer sees one.
    JsonObject seen = null;
    for (int i = 0; i < 50 && seen == null; i++) {
      BoardFixture.command(tab, HttpMethod.POST, "/feed", new JsonObject().put("title", "from a command " + i));
      seen = audited.poll(200, TimeUnit.MILLISECONDS);
    }
    assertThat(seen).as("the plain consumer got the command's event").isNotNull();
    assertThat(seen.getString("topic")).isEqualTo("feed");
    assertThat(seen.getString("name")).isEqualTo("posted");
    assertThat(seen.getJsonObject("payload").getString("title")).startsWith("from a command");
    assertThat(seen.getString("origin")).isNotBlank();
    assertThat(seen.getLong("timestamp")).isPositive();

    // The plain publisher's event re-renders the live page.
    publish.accept(new JsonObject().put("title", "from a plain verticle"));
    BoardFixture.awaitReceived(tab, "<p id=\"last\">from a plain verticle</p>");
  }

  private Vertx track(Vertx vertx) {
    vertxes.add(vertx);
    return vertx;
  }

  private Vertx cluster(String name, int port, List<String> members) throws Exception {
    HazelcastClusterOptions hz = new HazelcastClusterOptions().setClusterName(name).setHost("127.0.0.1").setPort(port).setMembers(members);
    return track(HazelcastClustering.clusteredVertx(hz, new VertxOptions()).await(60, TimeUnit.SECONDS));
  }
}
