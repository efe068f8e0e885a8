package dev.honostar.verticles;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deploys the verticle by class name with a JSON config, as {@code vertx run} does, and talks real HTTP to it. */
@ExtendWith(VertxExtension.class)
class HonoStarVerticleTest {

  static final String VERTICLE = "dev.honostar.verticles.HonoStarVerticle";

  Vertx vertx;
  int port;
  Http http;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    port = Http.freePort();
    http = new Http(vertx, port);
  }

  @AfterEach
  void tearDown() {
    http.close();
    vertx.close().await();
  }

  JsonObject config() {
    return new JsonObject().put("app", TestApp.class.getName()).put("http.port", port).put("http.host", "localhost");
  }

  String deploy(JsonObject config, int instances) {
    return vertx.deployVerticle(VERTICLE, new DeploymentOptions().setConfig(config).setInstances(instances)).await();
  }

  @Test
  void theAppStartsWhatNeedsTheBusBeforeTheNodeListensAndItsFailureFailsTheDeployment() {
    TestApp.STARTED_WITH_BUS.set(false);
    deploy(config(), 1);
    assertThat(TestApp.STARTED_WITH_BUS).as("started(honostar) ran with the bus up").isTrue();
    assertThat(http.get("/").statusCode()).isEqualTo(200);

    int other = Http.freePort();
    assertThatThrownBy(() -> deploy(config().put("http.port", other).put("startedFails", true), 1))
      .hasMessageContaining("the outbox relay could not start");
    assertThat(Http.portOpen(other)).as("a node whose app failed to start takes no traffic").isFalse();
  }

  @Test
  void servesThePageAndTheOpsEndpoints() {
    deploy(config(), 1);

    HttpResponse<Buffer> page = http.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("Ops test", "id=\"count\"", "id=\"hs-live\"");

    HttpResponse<Buffer> health = http.get(OpsEndpoints.HEALTH_PATH);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
    assertThat(health.cookies()).as("probes create no session").isEmpty();

    HttpResponse<Buffer> ready = http.get(OpsEndpoints.READY_PATH);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains(OpsEndpoints.HONOSTAR_CHECK, OpsEndpoints.DRAIN_CHECK, "database");
    assertThat(ready.cookies()).isEmpty();

    Http.LiveStream stream = http.open("/");
    HttpResponse<Buffer> metrics = http.get(OpsEndpoints.METRICS_PATH);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString())
      .contains("honostar_live_connections{verticle=")
      .contains("honostar_bus_up{")
      .contains("honostar_live_renders_total");
    assertThat(liveConnections(metrics.bodyAsString())).isEqualTo(1);
    assertThat(stream.ended().isComplete()).isFalse();
  }

  /** The config's observability section reaches the app: answers carry a request id, spans reach the collector. */
  @Test
  void observabilityFromTheConfigTracesToTheCollector() {
    io.vertx.core.Promise<String> exported = io.vertx.core.Promise.promise();
    io.vertx.core.http.HttpServer collector = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      exported.tryComplete(req.path() + " " + body.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
      req.response().end();
    })).listen(0).await();
    String id = deploy(config().put("observability", new JsonObject().put("logFormat", "json")
      .put("otlpEndpoint", "http://127.0.0.1:" + collector.actualPort()).put("serviceName", "verticle-test")), 1);

    HttpResponse<Buffer> page = http.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("X-Request-Id")).matches("[0-9a-f]{32}");
    // Undeploying closes the app, which sends the batch.
    vertx.undeploy(id).await();
    assertThat(exported.future().await()).startsWith("/v1/traces ").contains("verticle-test", "GET /");
  }

  @Test
  void anAppReadinessCheckTakesTheNodeOutOfRotation() {
    deploy(config().put("appReady", false), 1);
    HttpResponse<Buffer> ready = http.get(OpsEndpoints.READY_PATH);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("database");
    assertThat(http.get(OpsEndpoints.HEALTH_PATH).statusCode()).as("liveness ignores dependencies").isEqualTo(200);
  }

  @Test
  void aMissingAppFailsTheDeploymentWithAClearMessage() {
    assertThatThrownBy(() -> deploy(new JsonObject().put("http.port", port), 1)).hasMessageContaining("\"app\"");
    assertThatThrownBy(() -> deploy(new JsonObject().put("app", "com.example.Nope").put("http.port", port), 1))
      .hasMessageContaining("not on the class path");
  }

  @Test
  void twoInstancesShareOneAppOneHubAndOneRenderPerEvent() throws Exception {
    String id = deploy(config().put(HonoStarVerticle.CONFIG_EVENT_LOOPS, 1), 2);
    java.util.Set<String> threads = new java.util.HashSet<>();
    for (int i = 0; i < 6; i++) {
      io.vertx.ext.web.client.WebClient fresh = io.vertx.ext.web.client.WebClient.create(vertx);
      String html = fresh.get(port, "localhost", "/where").send().await().bodyAsString();
      threads.add(org.jsoup.Jsoup.parse(html).getElementById("thread").text());
      fresh.close();
    }
    assertThat(threads).as("both instances take connections").hasSize(2);
    Http.LiveStream a = http.open("/");
    Http.LiveStream b = new Http(vertx, port).open("/");
    String metrics = http.get(OpsEndpoints.METRICS_PATH).bodyAsString();
    assertThat(Pattern.compile("^honostar_live_connections\\{", Pattern.MULTILINE).matcher(metrics).results().count())
      .as("one app per node, one gauge:\n%s", metrics).isEqualTo(1);
    assertThat(liveConnections(metrics)).as("one hub holds both streams, whichever instance took them").isEqualTo(2);

    // An event from a plain Vert.x publisher: the node renders the region once, both tabs get it.
    double before = sharedRenders(http.get(OpsEndpoints.METRICS_PATH).bodyAsString());
    TestApp.COUNT.set(4242);
    vertx.eventBus().publish("honostar.topic.counter", new JsonObject().put("topic", "counter").put("name", "set")
      .put("payload", new JsonObject()).put("origin", "a-plain-verticle").put("timestamp", System.currentTimeMillis()));
    a.receives("4242").await(5, TimeUnit.SECONDS);
    b.receives("4242").await(5, TimeUnit.SECONDS);
    assertThat(sharedRenders(http.get(OpsEndpoints.METRICS_PATH).bodyAsString()) - before).as("one render per event per node").isEqualTo(1.0);

    vertx.undeploy(id).await();
    assertThat(a.ended().await()).isNull();
    assertThat(b.ended().await()).isNull();
    assertThat(Meters.prometheus().scrape()).as("undeploy removes the app's meters").doesNotContain("honostar_live_connections{");
  }

  @Test
  void oneInstanceServesOnEveryEventLoopWithOneHub() {
    deploy(config().put(HonoStarVerticle.CONFIG_EVENT_LOOPS, 2), 1);
    java.util.Set<String> threads = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      // A client of its own per request: a new connection, which Vert.x hands to the next loop.
      io.vertx.ext.web.client.WebClient fresh = io.vertx.ext.web.client.WebClient.create(vertx);
      String html = fresh.get(port, "localhost", "/where").send().await().bodyAsString();
      threads.add(org.jsoup.Jsoup.parse(html).getElementById("thread").text());
      fresh.close();
    }
    assertThat(threads).as("connections served on two event loops").hasSize(2);

    Http.LiveStream a = http.open("/");
    Http.LiveStream b = new Http(vertx, port).open("/");
    String before = http.get(OpsEndpoints.METRICS_PATH).bodyAsString();
    assertThat(liveConnections(before)).as("one hub holds both streams").isEqualTo(2);
    assertThat(Pattern.compile("^honostar_live_connections\\{", Pattern.MULTILINE).matcher(before).results().count())
      .as("one app, one gauge").isEqualTo(1);
  }

  @Test
  void undeployDrainsReadinessFirstThenStreamsEndCleanly() throws Exception {
    long drain = 3_000;
    String id = deploy(config().put("live", new JsonObject().put("drainMillis", drain)), 1);
    Http.LiveStream first = http.open("/");
    Http.LiveStream second = http.open("/");
    assertThat(http.get(OpsEndpoints.READY_PATH).statusCode()).isEqualTo(200);

    long start = System.nanoTime();
    var undeployed = vertx.undeploy(id);

    // The drain spreads closes over the window: one stream ends almost at once, the other half-way.
    Future.any(first.ended(), second.ended()).await(drain, TimeUnit.MILLISECONDS);
    Http.LiveStream early = first.ended().isComplete() ? first : second;
    Http.LiveStream late = early == first ? second : first;
    assertThat(early.ended().succeeded()).as("ended cleanly, not reset").isTrue();
    assertThat(late.ended().isComplete()).as("the other stream is still open").isFalse();
    HttpResponse<Buffer> ready = http.get(OpsEndpoints.READY_PATH);
    assertThat(ready.statusCode()).as("readiness is down while streams are still open").isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("draining");
    assertThat(http.reconnect(early)).as("new streams are refused, so the browser reconnects elsewhere").isEqualTo(503);
    assertThat(http.get("/").statusCode()).as("pages still answer during the drain").isEqualTo(200);

    late.ended().await(drain + 2_000, TimeUnit.MILLISECONDS);   // throws if the connection was reset instead
    undeployed.await(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(drain + 5_000));
    assertThat(first.received()).as("the stream got the current state before it ended").contains("count");
  }

  static double sharedRenders(String scrape) {
    Matcher m = Pattern.compile("^honostar_live_renders_total\\{[^}]*scope=\"shared\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE).matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  static int liveConnections(String scrape) {
    Matcher m = Pattern.compile("^honostar_live_connections\\{[^}]*} ([0-9.]+)$", Pattern.MULTILINE).matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return (int) sum;
  }
}
