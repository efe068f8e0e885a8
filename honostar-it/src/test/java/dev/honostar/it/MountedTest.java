package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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
    Browser b = BoardFixture.browserAt(vertx, server.actualPort());
    assertThat(b.open("/api/ping").response().body()).isEqualTo("pong");
    Tab board = b.open("/app/board");
    assertThat(board.status()).isEqualTo(200);
    assertThat(board.document().getElementById("hs-live").attr("data-init")).startsWith("@get('/app/_/events'");
    String css = board.document().selectFirst("link[rel=stylesheet]").attr("href");
    assertThat(css).startsWith("/app/_/assets/");
    assertThat(b.open(css).status()).isEqualTo(200);

    Response redirect = b.open("/app/guarded").response().redirects().get(0);
    assertThat(redirect.header("Location")).isEqualTo("/app/board");

    // The page's own data-init opens the stream: at /app/_/events.
    Tab s = b.open("/app/board").connect();
    BoardFixture.awaitReceived(s, "<ul id=\"items\"></ul>");
    assertThat(BoardFixture.command(s, HttpMethod.POST, "/app/items", new JsonObject().put("title", "mounted")).status()).isEqualTo(204);
    BoardFixture.awaitReceived(s, "<li>mounted</li>");
  }
}
