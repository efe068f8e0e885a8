package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.observability.RequestEnd;
import dev.honostar.test.Browser;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open live stream does not keep its request's RoutingContext (its parameters, cookies and
 * data: kilobytes per stream, for hours), even when a handler in front (an access log) asked to
 * hear of the request's end; that handler still hears of it when the stream closes.
 */
class StreamRequestContextTest {

  private Vertx vertx;
  private HttpServer server;
  private final BlockingQueue<WeakReference<RoutingContext>> streamContexts = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> ends = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    Router app = new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    Router root = Router.router(vertx);
    // What an access log in front of the app does: hear of every request's end.
    root.route().handler(ctx -> {
      String path = ctx.request().path();
      if (path.endsWith("/_/events")) {
        streamContexts.add(new WeakReference<>(ctx));
      }
      ctx.addEndHandler(ar -> { });
      RequestEnd.add(ctx, cut -> ends.add(path + (cut ? " cut" : " ended")));
      ctx.next();
    });
    root.route("/*").subRouter(app);
    server = vertx.createHttpServer().requestHandler(root).listen(0).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anOpenStreamKeepsNoRequestContextAndItsEndIsStillHeard() throws Exception {
    Browser browser = BoardFixture.browserAt(vertx, server.actualPort());
    Tab tab = browser.open("/board").connect();
    BoardFixture.awaitReceived(tab, "<ul id=\"items\"></ul>");
    WeakReference<RoutingContext> context = streamContexts.poll(10, TimeUnit.SECONDS);
    assertThat(context).isNotNull();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (context.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(context.get()).as("the open stream's RoutingContext was collected").isNull();

    // The stream still works, and its end is heard when the tab goes away.
    assertThat(BoardFixture.command(tab, HttpMethod.POST, "/items", new JsonObject().put("title", "still live")).status()).isEqualTo(204);
    BoardFixture.awaitReceived(tab, "<li>still live</li>");
    ends.clear();
    tab.disconnect();
    String end;
    do {
      end = ends.poll(10, TimeUnit.SECONDS);
    } while (end != null && !end.startsWith("/_/events"));
    assertThat(end).isEqualTo("/_/events cut");
  }
}
