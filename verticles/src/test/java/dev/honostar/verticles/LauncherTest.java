package dev.honostar.verticles;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vertx run} through {@link HonoStarLauncher}, in a child JVM, stopped with SIGTERM. */
class LauncherTest {

  static final Duration START = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  Vertx vertx;
  ChildProcess child;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.close();
    }
    vertx.close().await();
  }

  Path conf(int port) throws Exception {
    Path file = dir.resolve("conf.json");
    Files.writeString(file, new JsonObject().put("app", TestApp.class.getName()).put("http.port", port).put("http.host", "127.0.0.1")
      .put("live", new JsonObject().put("drainMillis", 500)).encodePrettily());
    return file;
  }

  @Test
  void runDeploysTheVerticleByNameWithConfAndInstancesAndDrainsOnSigterm() throws Exception {
    int port = Http.freePort();
    child = ChildProcess.java(Map.of(), HonoStarLauncher.class.getName(),
      "run", HonoStarVerticle.class.getName(), "-conf", conf(port).toString(), "-instances", "2");
    child.await(l -> l.contains("listening on port " + port), START);
    child.await(l -> l.contains("listening on port " + port), START);

    Http http = new Http(vertx, port);
    try {
      assertThat(http.get(OpsEndpoints.READY_PATH).statusCode()).isEqualTo(200);
      assertThat(http.get("/").statusCode()).isEqualTo(200);
      String metrics = http.get(OpsEndpoints.METRICS_PATH).bodyAsString();
      assertThat(metrics).as("the launcher turned Vert.x metrics on; HonoStar's meters are in the same registry")
        .contains("vertx_http_server_requests_total", "jvm_memory_used_bytes", "honostar_live_connections{verticle=\"0\"}")
        .as("the two instances serve one app").doesNotContain("honostar_live_connections{verticle=\"1\"}");
      Http.LiveStream stream = http.open("/");

      child.terminate();
      assertThat(stream.ended().await()).as("SIGTERM ends open streams cleanly").isNull();
      // The first instance to stop drains the node's one app; the stream's access line comes when it ended.
      child.await(l -> l.contains("App " + TestApp.class.getName() + " stopped"), START);
      assertThat(child.output()).contains("Draining the node's app", "GET /_/events 200");
      assertThat(child.waitFor(START)).as("exit status of SIGTERM").isEqualTo(143);
      assertThat(child.output()).doesNotContain("datastar=").doesNotContain("hslive");
    } finally {
      http.close();
    }
  }

  @Test
  void clusterJoinsHazelcastConfiguredFromTheEnvironment() throws Exception {
    int port = Http.freePort();
    int hzPort = Http.freePort();
    child = ChildProcess.java(Map.of(
        "HONOSTAR_HZ_HOST", "127.0.0.1",
        "HONOSTAR_HZ_PORT", Integer.toString(hzPort),
        "HONOSTAR_HZ_MEMBERS", "127.0.0.1:" + hzPort,
        "HONOSTAR_HZ_CLUSTER", "launcher-test-" + hzPort,
        "HONOSTAR_SIGNING_SECRET", "a-test-secret-that-is-long-enough-for-hmac-0123456789"),
      HonoStarLauncher.class.getName(), "run", HonoStarVerticle.class.getName(), "-conf", conf(port).toString(), "-cluster");
    child.await(l -> l.contains("listening on port " + port), START);

    Http http = new Http(vertx, port);
    try {
      HttpResponse<Buffer> ready = http.get(OpsEndpoints.READY_PATH);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(http.get(OpsEndpoints.METRICS_PATH).bodyAsString()).contains("honostar_bus_up{kind=\"clustered\"");
      assertThat(child.output()).contains("Using TCP/IP discovery", "[127.0.0.1]:" + hzPort, "Members {size:1");
      child.terminate();
      child.waitFor(START);
    } finally {
      http.close();
    }
  }
}
