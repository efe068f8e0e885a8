package dev.honostar.protocol;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SseStreamTest {

  private HttpServer server;
  /**
   * The tests' client, held here: Vert.x closes the connections of a client that was garbage
   * collected, which failed a test now and then in a busy suite ("Connection was closed").
   */
  private HttpClient client;

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close().await(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  private int start(Vertx vertx, Router router, HttpServerOptions options) throws Exception {
    client = vertx.createHttpClient();
    server = vertx.createHttpServer(options).requestHandler(router).listen(0).await(5, TimeUnit.SECONDS);
    return server.actualPort();
  }

  @Test
  void http11StreamHasTheRequiredHeadersAndEventsInOrder(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.write(PatchElements.of("<div id=\"a\">1</div>"))
        .compose(v -> sse.write(PatchSignals.raw("{\"n\":2}")))
        .compose(v -> sse.end());
    });
    int port = start(vertx, router, new HttpServerOptions());
    // From a Vert.x context, so body() is asked for before any chunk arrives.
    vertx.runOnContext(x -> client.request(HttpMethod.GET, port, "localhost", "/sse")
      .compose(req -> req.send())
      .compose(resp -> {
        test.verify(() -> {
          assertThat(resp.statusCode()).isEqualTo(200);
          assertThat(resp.getHeader("Content-Type")).isEqualTo("text/event-stream");
          assertThat(resp.getHeader("Cache-Control")).isEqualTo("no-cache");
          assertThat(resp.getHeader("Connection")).isEqualTo("keep-alive");
        });
        return resp.body();
      })
      .onComplete(test.succeeding(body -> test.verify(() -> {
        assertThat(body.toString()).isEqualTo("event: datastar-patch-elements\ndata: elements <div id=\"a\">1</div>\n\n"
          + "event: datastar-patch-signals\ndata: signals {\"n\":2}\n\n");
        test.completeNow();
      }))));
  }

  @Test
  void http2StreamHasNoConnectionHeader(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.write(PatchSignals.raw("{}")).compose(v -> sse.end());
    });
    int port = start(vertx, router, new HttpServerOptions());
    HttpClient h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    h2c.request(HttpMethod.GET, port, "localhost", "/sse")
      .compose(req -> req.send())
      // The handler keeps the client reachable: Vert.x closes the pool of a client that was
      // garbage-collected, which failed this test with "Pool closed" in a busy suite.
      .onComplete(test.succeeding(resp -> test.verify(() -> {
        assertThat(resp.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(resp.getHeader("Content-Type")).isEqualTo("text/event-stream");
        assertThat(resp.getHeader("Connection")).isNull();
        h2c.close();
        test.completeNow();
      })));
  }

  @Test
  void heartbeatsAreCommentsAtTheInterval(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> SseStream.create(ctx, new SseOptions().setHeartbeatMillis(50)));
    int port = start(vertx, router, new HttpServerOptions());
    StringBuilder received = new StringBuilder();
    client.request(HttpMethod.GET, port, "localhost", "/sse")
      .compose(req -> req.send())
      .onComplete(test.succeeding(resp -> resp.handler(chunk -> {
        received.append(chunk);
        if (received.toString().split(":\n\n", -1).length > 3) {
          test.verify(() -> {
            assertThat(received.toString()).matches("(:\n\n)+");
            assertThat(SseParser.parse(received.toString())).isEmpty();
          });
          test.completeNow();
        }
      })));
  }

  @Test
  void aClientThatStopsReadingIsBoundedAndClosed(Vertx vertx, VertxTestContext test) throws Exception {
    int maxPending = 64 * 1024;
    AtomicReference<SseStream> stream = new AtomicReference<>();
    AtomicInteger sent = new AtomicInteger();
    Router router = Router.router(vertx);
    String chunk = "<div id=\"big\">" + "x".repeat(8 * 1024) + "</div>";
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx, new SseOptions().setMaxPendingBytes(maxPending));
      stream.set(sse);
      // Push far more than the socket and the budget can hold.
      long timer = vertx.setPeriodic(1, id -> {
        for (int i = 0; i < 20 && !sse.isClosed(); i++) {
          sse.write(PatchElements.of(chunk)).onFailure(err -> test.verify(() -> assertThat(err).isInstanceOfAny(SlowConsumerException.class, IllegalStateException.class)));
          sent.incrementAndGet();
          test.verify(() -> assertThat(sse.pendingBytes()).isLessThanOrEqualTo(maxPending));
        }
        if (sse.isClosed()) {
          vertx.cancelTimer(id);
          test.completeNow();
        }
      });
    });
    int port = start(vertx, router, new HttpServerOptions().setSendBufferSize(4096));
    NetClient net = vertx.createNetClient(new io.vertx.core.net.NetClientOptions().setReceiveBufferSize(4096));
    NetSocket socket = net.connect(port, "localhost").await(5, TimeUnit.SECONDS);
    socket.write("GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n");
    socket.pause(); // never read
    assertThat(test.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.get().isClosed()).isTrue();
    assertThat(sent.get()).isGreaterThan(maxPending / chunk.length());
  }

  @Test
  void heldBackEventsAreDeliveredInOrderOnceTheClientReads(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    int count = 200;
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx, new SseOptions().setMaxPendingBytes(10 * 1024 * 1024));
      String pad = "y".repeat(4096);
      for (int i = 0; i < count; i++) {
        sse.write(PatchSignals.raw("{\"i\":" + i + ",\"pad\":\"" + pad + "\"}"));
      }
      sse.end();
    });
    int port = start(vertx, router, new HttpServerOptions());
    vertx.runOnContext(x -> client.request(new RequestOptions().setPort(port).setHost("localhost").setURI("/sse"))
      .compose(req -> req.send())
      .compose(HttpClientResponse::body)
      .onComplete(test.succeeding((Buffer body) -> test.verify(() -> {
        List<SseParser.Event> events = SseParser.parse(body.toString());
        assertThat(events).hasSize(count);
        for (int i = 0; i < count; i++) {
          assertThat(events.get(i).data("signals").get(0)).startsWith("{\"i\":" + i + ",");
        }
        test.completeNow();
      }))));
  }

  @Test
  void sendingOnAClosedStreamFails(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.end().onComplete(v -> sse.write(PatchSignals.raw("{}")).onComplete(test.failing(err -> test.verify(() -> {
        assertThat(sse.isClosed()).isTrue();
        test.completeNow();
      }))));
    });
    int port = start(vertx, router, new HttpServerOptions());
    client.request(HttpMethod.GET, port, "localhost", "/sse").compose(req -> req.send()).compose(HttpClientResponse::body);
  }

  @Test
  void closeHandlerRunsWhenTheClientGoesAway(Vertx vertx, VertxTestContext test) throws Exception {
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> SseStream.create(ctx).closeHandler(v -> test.completeNow()));
    int port = start(vertx, router, new HttpServerOptions());
    NetSocket socket = vertx.createNetClient().connect(port, "localhost").await(5, TimeUnit.SECONDS);
    socket.handler(buf -> {
      if (buf.toString().contains("text/event-stream")) {
        socket.close();
      }
    });
    socket.write("GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(test.awaitCompletion(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void vertxWebEndHandlersStillRunForStreams(Vertx vertx, VertxTestContext test) throws Exception {
    // Regression: the stream used to replace the response's end handler, so access logs and
    // RoutingContext.addEndHandler never saw live streams end.
    io.vertx.junit5.Checkpoint webEnd = test.checkpoint();
    io.vertx.junit5.Checkpoint streamClosed = test.checkpoint();
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      ctx.addEndHandler(ar -> webEnd.flag());
      SseStream sse = SseStream.create(ctx);
      sse.closeHandler(v -> streamClosed.flag());
      sse.write(PatchSignals.raw("{}")).compose(v -> sse.end());
    });
    int port = start(vertx, router, new HttpServerOptions());
    client.request(HttpMethod.GET, port, "localhost", "/sse").compose(req -> req.send()).compose(HttpClientResponse::body);
    assertThat(test.awaitCompletion(5, TimeUnit.SECONDS)).isTrue();
  }

  /** A source that emits as fast as it is allowed to: on demand, synchronously; counts pauses. */
  private static final class FastSource implements io.vertx.core.streams.ReadStream<DatastarEvent>, AutoCloseable {
    private final Vertx vertx;
    private final int count;
    private final String pad = "z".repeat(1024);
    private io.vertx.core.Handler<DatastarEvent> handler;
    private io.vertx.core.Handler<Void> endHandler;
    private boolean paused = true;
    private int next;
    final AtomicInteger pauses = new AtomicInteger();
    final io.vertx.core.Promise<Void> released = io.vertx.core.Promise.promise();
    final io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();

    FastSource(Vertx vertx, int count) {
      this.vertx = vertx;
      this.count = count;
    }

    private void emit() {
      while (!paused && handler != null && next < count) {
        handler.handle(PatchSignals.raw("{\"i\":" + next++ + ",\"pad\":\"" + pad + "\"}"));
      }
      if (next == count && !paused && endHandler != null) {
        io.vertx.core.Handler<Void> end = endHandler;
        endHandler = null;
        end.handle(null);
      }
    }

    @Override
    public FastSource exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
      return this;
    }

    @Override
    public FastSource handler(io.vertx.core.Handler<DatastarEvent> handler) {
      this.handler = handler;
      if (handler == null) {
        released.tryComplete();
      }
      return this;
    }

    @Override
    public FastSource pause() {
      if (!paused) {
        pauses.incrementAndGet();
      }
      paused = true;
      return this;
    }

    @Override
    public FastSource resume() {
      paused = false;
      // Later, as a real source would: not inside the caller's own write.
      vertx.runOnContext(v -> emit());
      return this;
    }

    @Override
    public FastSource fetch(long amount) {
      return resume();
    }

    @Override
    public FastSource endHandler(io.vertx.core.Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }

    @Override
    public void close() {
      closed.tryComplete();
    }
  }

  @Test
  void aSourcePipedIntoTheStreamIsPausedWhileTheClientIsBehindAndEndsIt(Vertx vertx, VertxTestContext test) throws Exception {
    // 2 MiB from a source that never stops by itself, against a 64 KiB budget: only the pipe's
    // pauses keep the stream open, and every event arrives in order before the end.
    int count = 2000;
    AtomicReference<FastSource> source = new AtomicReference<>();
    io.vertx.junit5.Checkpoint done = test.checkpoint(2);
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      FastSource s = new FastSource(vertx, count);
      source.set(s);
      SseStream sse = SseStream.create(ctx, new SseOptions().setMaxPendingBytes(64 * 1024));
      s.pipeTo(sse).onComplete(test.succeeding(v -> done.flag()));
    });
    int port = start(vertx, router, new HttpServerOptions().setSendBufferSize(4096));
    AtomicReference<Buffer> received = new AtomicReference<>();
    vertx.runOnContext(x -> client.request(new RequestOptions().setPort(port).setHost("localhost").setURI("/sse"))
      .compose(req -> req.send())
      .compose(HttpClientResponse::body)
      .onComplete(test.succeeding(body -> {
        received.set(body);
        done.flag();
      })));
    assertThat(test.awaitCompletion(30, TimeUnit.SECONDS)).isTrue();
    assertThat(test.failed()).as("%s", test.causeOfFailure()).isFalse();
    List<SseParser.Event> events = SseParser.parse(received.get().toString());
    assertThat(events).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(events.get(i).data("signals").get(0)).startsWith("{\"i\":" + i + ",");
    }
    assertThat(source.get().pauses.get()).as("the source was paused while the socket was full").isPositive();
  }

  @Test
  void aClientThatGoesAwayStopsThePipeAndReleasesTheSource(Vertx vertx, VertxTestContext test) throws Exception {
    AtomicReference<FastSource> source = new AtomicReference<>();
    io.vertx.core.Promise<Throwable> piped = io.vertx.core.Promise.promise();
    Router router = Router.router(vertx);
    router.get("/sse").handler(ctx -> {
      // Endless for this test: the client leaves long before the end.
      FastSource s = new FastSource(vertx, Integer.MAX_VALUE);
      source.set(s);
      SseStream sse = SseStream.create(ctx);
      s.pipeTo(sse).onComplete(ar -> {
        s.close();
        piped.complete(ar.cause());
      });
    });
    int port = start(vertx, router, new HttpServerOptions());
    NetSocket socket = vertx.createNetClient().connect(port, "localhost").await(5, TimeUnit.SECONDS);
    socket.handler(buf -> {
      if (buf.toString().contains("datastar-patch-signals")) {
        socket.close();
      }
    });
    socket.write("GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n");
    Throwable why = piped.future().await(10, TimeUnit.SECONDS);
    // HttpClosedException, or the socket's IOException when a write found it broken first.
    assertThat(why).as("the pipe failed with the close").isInstanceOfAny(io.vertx.core.http.HttpClosedException.class, java.io.IOException.class);
    source.get().released.future().await(5, TimeUnit.SECONDS);
    source.get().closed.future().await(5, TimeUnit.SECONDS);
    test.completeNow();
  }

  @Test
  void theExceptionHandlerHearsOfEveryCloseButEnd(Vertx vertx, VertxTestContext test) throws Exception {
    io.vertx.junit5.Checkpoint checks = test.checkpoint(2);
    Router router = Router.router(vertx);
    router.get("/ended").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.exceptionHandler(err -> test.failNow("end() is no failure: " + err));
      sse.write(PatchSignals.raw("{}")).compose(v -> sse.end()).onComplete(test.succeeding(v -> checks.flag()));
    });
    router.get("/closed").handler(ctx -> {
      SseStream sse = SseStream.create(ctx);
      sse.exceptionHandler(err -> test.verify(() -> {
        assertThat(err).isInstanceOf(io.vertx.core.http.HttpClosedException.class);
        checks.flag();
      }));
      sse.close();
    });
    int port = start(vertx, router, new HttpServerOptions());
    client.request(HttpMethod.GET, port, "localhost", "/ended").compose(req -> req.send()).compose(HttpClientResponse::body);
    client.request(HttpMethod.GET, port, "localhost", "/closed").compose(req -> req.send()).compose(HttpClientResponse::body);
    assertThat(test.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
  }
}
