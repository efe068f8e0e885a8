package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
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
    assertThat(server.getMaxInitialLineLength()).isEqualTo(options.getSecurity().getMaxInitialLineLength());
    assertThat(server.getMaxHeaderSize()).isEqualTo(options.getSecurity().getMaxHeaderSize());

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
    TestBrowser b = new TestBrowser(vertx, server.actualPort());

    // Strict mode is on: a write from a thread of the app's own fails.
    HttpResponse<Buffer> offLoop = b.open("/off-loop");
    assertThat(offLoop.statusCode()).isEqualTo(500);
    assertThat(offLoop.bodyAsString()).isEqualTo("Only the context thread can write a message");

    // A page, and the live stream it opens.
    assertThat(b.open("/board").statusCode()).isEqualTo(200);
    TestBrowser.LiveStream live = b.stream();
    assertThat(live.status).isEqualTo(200);
    live.awaitContains("<ul id=\"items\"></ul>");

    // A command: its event reaches the stream.
    assertThat(b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "strict")).statusCode()).isEqualTo(204);
    live.awaitContains("<li>strict</li>");

    // A blocking page, on a virtual thread or a worker.
    HttpResponse<Buffer> blocking = b.open("/items/0");
    assertThat(blocking.statusCode()).isEqualTo(200);
    assertThat(blocking.bodyAsString()).contains("strict");
    assertThat(app.loaderThread.get()).doesNotContain("eventloop");

    // A blocking command, then its update on the stream.
    assertThat(b.command(HttpMethod.DELETE, "/items", new JsonObject()).statusCode()).isEqualTo(204);
    live.awaitContains("data: elements <ul id=\"items\"></ul>\n\nevent");

    // An error page, and an application stream.
    assertThat(b.open("/items/7").statusCode()).isEqualTo(404);
    var ticks = vertx.createHttpClient().request(HttpMethod.GET, server.actualPort(), "localhost", "/ticks")
      .compose(r -> r.putHeader("Cookie", b.cookieHeader()).send()).await(5, TimeUnit.SECONDS);
    java.util.concurrent.CompletableFuture<String> tick = new java.util.concurrent.CompletableFuture<>();
    ticks.handler(chunk -> tick.complete(chunk.toString()));
    assertThat(tick.get(5, TimeUnit.SECONDS)).contains("\"tick\"");
    ticks.request().connection().close();
    live.close();
  }
}
