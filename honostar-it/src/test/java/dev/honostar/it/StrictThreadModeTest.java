package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HonoStarOptions#applyTo(HttpServerOptions)} turns on Vert.x's strict thread mode, where a
 * response written off its event loop throws; pages, commands, blocking loaders and commands
 * (on worker or virtual threads), live streams and application streams all work on it.
 */
class StrictThreadModeTest {

  private Vertx vertx;
  private HttpServer server;
  private BoardApp app;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  /** The app mounted beside a route that writes its response from a thread of its own. */
  private void start(HonoStarOptions options) throws Exception {
    vertx = Vertx.vertx();
    app = new BoardApp();
    Router honostar = app.router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    Router root = Router.router(vertx);
    root.get("/off-loop").handler(ctx -> {
      Context context = Vertx.currentContext();
      new Thread(() -> {
        try {
          ctx.response().end("written from another thread");
        } catch (IllegalStateException e) {
          context.runOnContext(v -> ctx.response().setStatusCode(500).end(e.getMessage()));
        }
      }).start();
    });
    root.route("/*").subRouter(honostar);
    server = vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(root).listen(0)
      .await(10, TimeUnit.SECONDS);
  }

  private static HonoStarOptions options(boolean virtualThreads) {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of()).setVirtualThreads(virtualThreads);
    options.getLive().setCoalesceMillis(0);
    return options;
  }

  @Test
  void theRecommendedServerOptionsTurnStrictModeOnUnlessToldNot() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    HttpServerOptions server = options.applyTo(new HttpServerOptions());
    assertThat(server.getStrictThreadMode()).isTrue();
    assertThat(server.getMaxInitialLineLength()).isEqualTo(options.getSecurity().getLimits().getMaxInitialLineLength());
    assertThat(server.getMaxHeaderSize()).isEqualTo(options.getSecurity().getLimits().getMaxHeaderSize());

    assertThat(options.setStrictThreadMode(false).applyTo(new HttpServerOptions()).getStrictThreadMode()).isFalse();
    assertThat(new HonoStarOptions(new JsonObject().put("strictThreadMode", false)).isStrictThreadMode()).isFalse();
    assertThat(new HonoStarOptions(new JsonObject()).toJson().getBoolean("strictThreadMode")).isTrue();
    assertThat(HonoStarOptions.load(null, Map.of(HonoStarOptions.ENV_STRICT_THREAD_MODE, "false")).isStrictThreadMode()).isFalse();
    assertThat(HonoStarOptions.load(new JsonObject().put("strictThreadMode", false), Map.of(HonoStarOptions.ENV_STRICT_THREAD_MODE, "true"))
      .isStrictThreadMode()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of(HonoStarOptions.ENV_STRICT_THREAD_MODE, "yes")))
      .hasMessageContaining(HonoStarOptions.ENV_STRICT_THREAD_MODE);
  }

  @ParameterizedTest(name = "virtual threads preferred: {0}")
  @ValueSource(booleans = {true, false})
  void everythingWorksOnAStrictModeServer(boolean virtualThreads) throws Exception {
    start(options(virtualThreads));
    Browser b = BoardFixture.browserAt(vertx, server.actualPort());

    // Strict mode is on: a write from a thread of the app's own fails.
    Response offLoop = b.open("/off-loop").response();
    assertThat(offLoop.status()).isEqualTo(500);
    assertThat(offLoop.body()).isEqualTo("Only the context thread can write a message");

    // A page, and the live stream it opens.
    Tab live = b.open("/board");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.tryConnect()).isEqualTo(200);
    BoardFixture.awaitReceived(live, "<ul id=\"items\"></ul>");

    // A command: its event reaches the stream.
    assertThat(BoardFixture.command(live, HttpMethod.POST, "/items", new JsonObject().put("title", "strict")).status()).isEqualTo(204);
    BoardFixture.awaitReceived(live, "<li>strict</li>");

    // A blocking page, on a virtual thread or a worker.
    Response blocking = b.open("/items/0").response();
    assertThat(blocking.status()).isEqualTo(200);
    assertThat(blocking.body()).contains("strict");
    assertThat(app.loaderThread.get()).doesNotContain("eventloop");

    // A blocking command, then its update on the stream.
    assertThat(BoardFixture.command(live, HttpMethod.DELETE, "/items", new JsonObject()).status()).isEqualTo(204);
    BoardFixture.awaitReceivedText(live, "data: elements <ul id=\"items\"></ul>\n\nevent");

    // An error page, and an application stream.
    assertThat(b.open("/items/7").status()).isEqualTo(404);
    try (SseRecorder ticks = b.record("/ticks")) {
      assertThat(ticks.awaitEvents(1).get(0).raw()).contains("\"tick\"");
    }
    live.disconnect();
  }
}
