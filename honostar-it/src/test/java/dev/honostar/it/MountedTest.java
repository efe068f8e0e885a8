package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The app mounted as a sub-router of an existing application, beside its own routes. */
class MountedTest {

  private Vertx vertx;
  private HttpServer server;
  private BoardApp app;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    app = new BoardApp();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    Router honostar = app.router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    Router parent = Router.router(vertx);
    parent.get("/api/ping").handler(ctx -> ctx.end("pong"));
    parent.route("/app/*").subRouter(honostar);
    server = vertx.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(parent).listen(0).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void frameworkUrlsCarryTheMountPoint() throws Exception {
    TestBrowser b = new TestBrowser(vertx, server.actualPort());
    assertThat(b.open("/api/ping").bodyAsString()).isEqualTo("pong");
    assertThat(b.open("/app/board").statusCode()).isEqualTo(200);
    assertThat(b.document.getElementById("hs-live").attr("data-init")).startsWith("@get('/app/_/events'");
    String css = b.document.selectFirst("link[rel=stylesheet]").attr("href");
    assertThat(css).startsWith("/app/_/assets/");
    assertThat(b.open(css).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> redirect = b.open("/app/guarded");
    assertThat(redirect.getHeader("Location")).isEqualTo("/app/board");

    b.open("/app/board");
    TestBrowser.LiveStream s = b.stream("/app/_/events", b.token);
    s.awaitContains("<ul id=\"items\"></ul>");
    assertThat(b.command(HttpMethod.POST, "/app/items", new JsonObject().put("title", "mounted")).statusCode()).isEqualTo(204);
    s.awaitContains("<li>mounted</li>");
  }
}
