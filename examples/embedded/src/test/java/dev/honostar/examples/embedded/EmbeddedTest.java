package dev.honostar.examples.embedded;

import dev.honostar.verticles.Meters;
import dev.honostar.verticles.OpsEndpoints;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding app answers its own routes and serves the mounted hello app under {@code /live}:
 * every URL the framework renders (assets, the live stream, the app's own links through
 * {@code @basePath}) carries the mount point.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedTest {

  Vertx vertx;
  WebClient web;
  int port;

  @BeforeEach
  void setUp() throws IOException {
    // Vert.x metrics on, as the launcher does, so the hello app's meters land in the scraped registry.
    vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(Meters.vertxOptions()));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  @AfterEach
  void tearDown() {
    web.close();
    vertx.close().await();
  }

  void deploy(String verticle, int instances) {
    vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)
      .setConfig(new JsonObject().put("http.port", port).put("http.host", "localhost"))).await();
  }

  HttpResponse<Buffer> get(String path, String cookie) {
    var req = web.get(path);
    if (cookie != null) {
      req.putHeader("Cookie", cookie);
    }
    return req.send().await();
  }

  /** The status of a (possibly never-ending) stream response; the connection is closed after the headers. */
  int streamStatus(String uri, String cookie) throws Exception {
    HttpClient client = vertx.createHttpClient();
    try {
      return client.request(HttpMethod.GET, port, "localhost", uri)
        .compose(req -> req.putHeader("Cookie", cookie).send())
        .map(HttpClientResponse::statusCode)
        .await(10, TimeUnit.SECONDS);
    } finally {
      client.close().await();
    }
  }

  /** Posts {@code form}'s hidden inputs (the CSRF token) as a browser without JavaScript would. */
  static HttpResponse<Buffer> submit(WebClient client, Element form, String cookie) {
    var post = client.post(form.attr("action")).putHeader("Cookie", cookie).putHeader("Content-Type", "application/x-www-form-urlencoded");
    StringBuilder body = new StringBuilder();
    for (Element input : form.select("input[type=hidden]")) {
      body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(input.attr("name"), StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(input.attr("value"), StandardCharsets.UTF_8));
    }
    return post.sendBuffer(Buffer.buffer(body.toString())).await();
  }

  /** A client of its own: a new connection, which Vert.x hands to the next instance's server. */
  WebClient freshClient() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false));
  }

  static String cookies(HttpResponse<Buffer> r) {
    return r.cookies().stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
  }

  static String liveQuery(Document page) {
    Element live = page.getElementById("hs-live");
    assertThat(live).as("live element").isNotNull();
    return "datastar=" + URLEncoder.encode(new JsonObject(live.attr("data-signals")).encode(), StandardCharsets.UTF_8);
  }

  @Test
  void answersItsOwnRoutesAndTheMountedApp() throws Exception {
    deploy(EmbeddedVerticle.class.getName(), 1);

    assertThat(get("/api/ping", null).bodyAsJsonObject()).isEqualTo(new JsonObject().put("pong", true));
    assertThat(get("/", null).bodyAsString()).contains("href=\"/live/\"");
    assertThat(get("/api/ping", null).cookies()).as("the host app's routes get no HonoStar session").isEmpty();

    HttpResponse<Buffer> page = get("/live/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    Document doc = Jsoup.parse(page.bodyAsString());
    assertThat(doc.title()).isEqualTo("Hello, HonoStar");
    // The mount point without its slash is the app's home too, not a 404.
    HttpResponse<Buffer> bare = web.get("/live?x=1").followRedirects(false).send().await();
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.getHeader("Location")).isEqualTo("/live/?x=1");
    assertThat(doc.getElementById("count")).isNotNull();

    assertThat(get(OpsEndpoints.HEALTH_PATH, null).statusCode()).isEqualTo(200);
    assertThat(get(OpsEndpoints.READY_PATH, null).statusCode()).isEqualTo(200);
    assertThat(get(OpsEndpoints.METRICS_PATH, null).bodyAsString()).contains("honostar_live_connections", "vertx_http_server");
  }

  @Test
  void underTheSubPathEveryRenderedUrlCarriesTheMountPoint() throws Exception {
    deploy(EmbeddedVerticle.class.getName(), 1);
    HttpResponse<Buffer> page = get("/live/", null);
    Document doc = Jsoup.parse(page.bodyAsString());
    String cookie = cookies(page);

    String css = doc.selectFirst("link[rel=stylesheet]").attr("href");
    assertThat(css).startsWith("/live/_/assets/");
    assertThat(get(css, null).statusCode()).isEqualTo(200);
    for (Element script : doc.select("script[src^=/]")) {
      assertThat(script.attr("src")).startsWith("/live/");
      assertThat(get(script.attr("src"), null).statusCode()).isEqualTo(200);
    }

    assertThat(doc.getElementById("hs-live").attr("data-init")).contains("'/live/_/events'");
    assertThat(streamStatus("/live/_/events?" + liveQuery(doc), cookie)).isEqualTo(200);
    assertThat(streamStatus("/_/events?" + liveQuery(doc), cookie)).as("nothing leaks to the host's root").isEqualTo(404);

    Element form = doc.selectFirst("form");
    assertThat(form.attr("action")).isEqualTo("/live/increment");
    HttpResponse<Buffer> counted = submit(web, form, cookie);
    assertThat(counted.statusCode()).as("the command answers under the mount point: %s", counted.bodyAsString()).isBetween(200, 399);
    if (counted.statusCode() >= 300) {
      assertThat(counted.getHeader("Location")).startsWith("/live");
    }
  }

  @Test
  void mountedAtTheRootEverythingResolves() throws Exception {
    vertx.deployVerticle(EmbeddedVerticle.class.getName(), new DeploymentOptions()
      .setConfig(new JsonObject().put("http.port", port).put("http.host", "localhost").put("mount", "/"))).await();
    assertThat(get("/api/ping", null).bodyAsJsonObject().getBoolean("pong")).isTrue();
    HttpResponse<Buffer> page = get("/", null);
    Document doc = Jsoup.parse(page.bodyAsString());
    assertThat(doc.title()).isEqualTo("Hello, HonoStar");
    assertThat(get(doc.selectFirst("link[rel=stylesheet]").attr("href"), null).statusCode()).isEqualTo(200);
    assertThat(streamStatus("/_/events?" + liveQuery(doc), cookies(page))).isEqualTo(200);
  }

  @Test
  void helloVerticleRunsWithTwoInstancesAndStreamsWorkOnEither() throws Exception {
    deploy(HelloVerticle.class.getName(), 2);
    for (int i = 0; i < 4; i++) {
      HttpResponse<Buffer> page = get("/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      // Page and stream may land on different instances: they share the development signing secret.
      assertThat(streamStatus("/_/events?" + liveQuery(Jsoup.parse(page.bodyAsString())), cookies(page))).isEqualTo(200);
    }
    assertThat(get(OpsEndpoints.READY_PATH, null).statusCode()).isEqualTo(200);
  }

  @Test
  void helloVerticleWithTwoInstancesKeepsOneCounter() {
    deploy(HelloVerticle.class.getName(), 2);
    for (int i = 0; i < 4; i++) {
      WebClient client = freshClient();
      HttpResponse<Buffer> page = client.get("/").send().await();
      assertThat(submit(client, Jsoup.parse(page.bodyAsString()).selectFirst("form"), cookies(page)).statusCode()).isBetween(200, 399);
      client.close();
    }
    java.util.Set<String> counts = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      WebClient client = freshClient();
      counts.add(Jsoup.parse(client.get("/").send().await().bodyAsString()).getElementById("count").text());
      client.close();
    }
    assertThat(counts).as("every instance shows the one node-wide counter (two instances used to count apart)").hasSize(1);
    assertThat(counts.iterator().next()).contains("4");
  }
}
