package dev.honostar.examples.issues;

import dev.honostar.verticles.HonoStarLauncher;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker outage leaves the node ready: it still serves pages and commands, so taking every
 * node out of the load balancer at once would turn a degraded service into an outage. Health
 * and metrics say the bus is down. A real redis-server, killed; the demo in a child JVM.
 */
class BrokerOutageTest {

  @TempDir
  Path dataDir;
  Vertx vertx;
  AppProcess redis;
  AppProcess app;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    if (redis != null) {
      redis.close();
    }
    vertx.close().await();
  }

  @Test
  void aBrokerOutageDegradesTheBusButKeepsTheNodeReady() throws Exception {
    int redisPort = AppProcess.freePort();
    redis = AppProcess.start(List.of("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--save", "",
      "--appendonly", "no"), Map.of());
    redis.await(l -> l.contains("Ready to accept connections"), AppProcess.START);
    int port = AppProcess.freePort();
    app = AppProcess.java(Map.of("HONOSTAR_REDIS_URL", "redis://127.0.0.1:" + redisPort, "HONOSTAR_BUS_PREFIX", "outage-" + UUID.randomUUID(),
        "HONOSTAR_SIGNING_SECRET", "a-test-secret-that-is-long-enough-for-hmac-0123456789", "HONOSTAR_DATA_DIR", dataDir.toString(),
        "PORT", Integer.toString(port), "ISSUES_BCRYPT_COST", "4", "ISSUES_SEED", "false",
        // A bus outage only: on a redis bus the sessions would share the killed Redis (then signed-in
        // requests answer 503 until it is back, see SessionsAcrossNodesTest); one node keeps them in memory.
        "HONOSTAR_SESSION_STORE", "local"),
      HonoStarLauncher.class.getName(), "run", IssuesVerticle.class.getName());
    app.await(l -> l.contains("listening on port " + port), AppProcess.START);

    try (Browser alice = new Browser(vertx, port)) {
      HttpResponse<Buffer> before = alice.get("/_/ready");
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(bus(before)).isEqualTo("up");

      redis.kill();
      app.await(l -> l.contains("lost its connection"), AppProcess.START);

      HttpResponse<Buffer> during = alice.get("/_/ready");
      assertThat(during.statusCode()).as("readiness during the outage: %s", during.bodyAsString()).isEqualTo(200);
      assertThat(bus(during)).isEqualTo("degraded");
      alice.signup("Alice", "alice." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "correct horse");
      long id = alice.createIssue("Filed during the outage", "");
      assertThat(alice.get("/issues/" + id).statusCode()).isEqualTo(200);
      assertThat(alice.get("/_/metrics").bodyAsString()).containsPattern("honostar_bus_up\\{[^}]*kind=\"redis\"[^}]*\\} 0\\.0");
    }
  }

  /** The bus state the honostar readiness check reports. */
  private static String bus(HttpResponse<Buffer> ready) {
    for (Object c : ready.bodyAsJsonObject().getJsonArray("checks")) {
      JsonObject check = (JsonObject) c;
      if ("honostar".equals(check.getString("id"))) {
        return check.getJsonObject("data").getString("bus");
      }
    }
    throw new AssertionError("no honostar check in " + ready.bodyAsString());
  }
}
