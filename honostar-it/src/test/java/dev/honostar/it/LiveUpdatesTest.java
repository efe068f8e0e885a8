package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live path end to end: page → token → stream → command → event → fat patch. */
class LiveUpdatesTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    // These tests send bursts of commands from one session; the default limit would answer 429.
    options.getSecurity().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    return options;
  }

  @Test
  void aCommandInOneSessionUpdatesAnotherSessionsStream() throws Exception {
    TestBrowser alice = testBrowser();
    TestBrowser bob = testBrowser();
    alice.open("/board?name=alice");
    bob.open("/board?name=bob");
    TestBrowser.LiveStream bobs = bob.stream();
    assertThat(bobs.status).isEqualTo(200);
    // The current state comes first, before any event.
    bobs.awaitContains("data: elements <ul id=\"items\"></ul>");
    bobs.awaitContains("Seen by bob (0 items)");

    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    bobs.awaitContains("data: elements <ul id=\"items\"><li>milk</li></ul>");
    bobs.awaitContains("Seen by bob (1 items)");
  }

  @Test
  void aBrowserThatAcceptsGzipGetsEveryPatchCompressedAndDecodedAsItArrives() throws Exception {
    TestBrowser alice = testBrowser();
    TestBrowser bob = testBrowser();
    alice.open("/board?name=alice");
    bob.open("/board?name=bob");
    TestBrowser.LiveStream bobs = bob.gzipStream();
    assertThat(bobs.response.getHeader("Content-Encoding")).as("compressed by default").isEqualTo("gzip");
    assertThat(bobs.response.getHeader("Vary")).isEqualTo("Accept-Encoding");
    bobs.awaitContains("data: elements <ul id=\"items\"></ul>");
    alice.command(HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    // Decoded from the bytes received so far: each patch is flushed whole.
    bobs.awaitContains("data: elements <ul id=\"items\"><li>milk</li></ul>");
    bobs.awaitContains("Seen by bob (1 items)");
  }

  @Test
  void sharedRegionsRenderOncePerEventWhateverTheNumberOfSubscribers() throws Exception {
    List<TestBrowser.LiveStream> streams = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      TestBrowser b = testBrowser();
      b.open("/board");
      TestBrowser.LiveStream s = b.stream();
      try {
        s.awaitContains("<ul id=\"items\"></ul>");
      } catch (AssertionError e) {
        throw new AssertionError("stream " + i + " of 30, hub connections " + meters.find("honostar.live.connections").gauge().value()
          + ", renders " + counter("honostar.live.renders", "scope", "shared") + "/" + counter("honostar.live.renders", "scope", "viewer"), e);
      }
      streams.add(s);
    }
    double before = counter("honostar.live.renders", "scope", "shared");
    assertThat(before).as("the first subscriber rendered; the others got the cached bytes").isEqualTo(1);
    TestBrowser writer = testBrowser();
    writer.open("/board");
    writer.command(HttpMethod.POST, "/items", new JsonObject().put("title", "one"));
    for (TestBrowser.LiveStream s : streams) {
      s.awaitContains("<li>one</li>");
    }
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isEqualTo(1);
    assertThat(counter("honostar.live.renders", "scope", "viewer")).as("per-viewer regions render per connection")
      .isGreaterThanOrEqualTo(60);
  }

  @Test
  void tokensAreCheckedBeforeAnyStreamOpens() throws Exception {
    TestBrowser alice = testBrowser();
    TestBrowser mallory = testBrowser();
    alice.open("/board");
    mallory.open("/board");
    assertThat(mallory.stream(alice.token).status).as("another session's token").isEqualTo(403);
    String tampered = alice.token.substring(0, alice.token.length() - 2) + (alice.token.endsWith("AA") ? "BB" : "AA");
    assertThat(alice.stream(tampered).status).isEqualTo(403);
    assertThat(alice.stream("garbage").status).isEqualTo(403);
    assertThat(alice.stream("").status).isEqualTo(400);
    assertThat(counter("honostar.live.refused")).isEqualTo(4);
  }

  @Test
  void aReconnectGetsTheCurrentStateFirst() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream first = b.stream();
    first.awaitContains("<ul id=\"items\"></ul>");
    first.close();
    TestBrowser other = testBrowser();
    other.open("/board");
    other.command(HttpMethod.POST, "/items", new JsonObject().put("title", "missed"));
    TestBrowser.LiveStream second = b.stream();
    second.awaitContains("<li>missed</li>");
  }

  @Test
  void aClientThatStopsReadingOnlyKeepsTheLatestPatchAndOthersAreNotDelayed() throws Exception {
    TestBrowser slow = testBrowser();
    slow.open("/board");
    String query = URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", slow.token)).encode(), StandardCharsets.UTF_8);
    NetSocket socket = vertx.createNetClient(new io.vertx.core.net.NetClientOptions().setReceiveBufferSize(1024))
      .connect(server.actualPort(), "localhost").await(5, TimeUnit.SECONDS);
    socket.pause();
    socket.write("GET /_/events?datastar=" + query + " HTTP/1.1\r\nHost: localhost\r\nDatastar-Request: true\r\nCookie: " + slow.cookieHeader() + "\r\n\r\n");

    TestBrowser fast = testBrowser();
    fast.open("/board");
    TestBrowser.LiveStream fasts = fast.stream();
    fasts.awaitContains("<ul id=\"items\">");
    String big = "x".repeat(200);
    for (int i = 0; i < 1000; i++) {
      app.items.add(big + (i % 10));
    }
    // 40 events of a 200 KB list each: the slow socket fills up and patches start superseding.
    for (int i = 0; i < 40; i++) {
      assertThat(fast.command(HttpMethod.POST, "/items", new JsonObject().put("title", "n" + i)).statusCode()).isEqualTo(204);
    }
    fasts.awaitContains("<li>n39</li></ul>");
    assertThat(counter("honostar.live.patches.superseded")).isGreaterThan(0);
    socket.close();
  }

  @Test
  void drainEndsStreamsCleanlyAndRefusesNewOnes() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\">");
    app.honostar.drain().await(10, TimeUnit.SECONDS);
    s.ended.get(10, TimeUnit.SECONDS);
    assertThat(app.honostar.ready()).isFalse();
    assertThat(b.stream().status).isEqualTo(503);
  }

  @Test
  void anApplicationStreamIsReleasedWhenTheClientGoesAway() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    var resp = vertx.createHttpClient().request(HttpMethod.GET, server.actualPort(), "localhost", "/ticks")
      .compose(r -> r.putHeader("Cookie", b.cookieHeader()).send()).await(5, TimeUnit.SECONDS);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("text/event-stream");
    java.util.concurrent.CompletableFuture<String> got = new java.util.concurrent.CompletableFuture<>();
    resp.handler(chunk -> {
      if (chunk.toString().contains("\"tick\"")) {
        got.complete(chunk.toString());
      }
    });
    assertThat(got.get(5, TimeUnit.SECONDS)).startsWith("event: datastar-patch-signals");
    TickSource source = (TickSource) app.lastStreamSource.get();
    resp.request().connection().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    java.util.concurrent.CompletableFuture<Void> released = new java.util.concurrent.CompletableFuture<>();
    vertx.setPeriodic(10, id -> {
      if (source.released || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        released.complete(null);
      }
    });
    released.get(6, TimeUnit.SECONDS);
    assertThat(source.released).isTrue();
  }
}
