package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

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
    options.getSecurity().getLimits().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    return options;
  }

  @Test
  void aCommandInOneSessionUpdatesAnotherSessionsStream() throws Exception {
    Tab alice = browser().open("/board?name=alice");
    Tab bob = browser().open("/board?name=bob");
    assertThat(bob.tryConnect()).isEqualTo(200);
    // The current state comes first, before any event.
    awaitReceived(bob, "data: elements <ul id=\"items\"></ul>");
    awaitReceived(bob, "Seen by bob (0 items)");

    command(alice, HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    awaitReceived(bob, "data: elements <ul id=\"items\"><li>milk</li></ul>");
    awaitReceived(bob, "Seen by bob (1 items)");
  }

  @Test
  void aBrowserThatAcceptsGzipGetsEveryPatchCompressedAndDecodedAsItArrives() throws Exception {
    Tab alice = browser().open("/board?name=alice");
    Browser bob = browser();
    Tab bobsTab = bob.open("/board?name=bob");
    // The stream opened as a browser opens it, accepting compression; the recorder decodes it as it arrives.
    try (SseRecorder bobs = bob.record(liveQuery(token(bobsTab)),
        MultiMap.caseInsensitiveMultiMap().add("Accept-Encoding", "gzip, deflate, br, zstd"))) {
      assertThat(bobs.headers().get("Content-Encoding")).as("compressed by default").isEqualTo("gzip");
      assertThat(bobs.headers().get("Vary")).isEqualTo("Accept-Encoding");
      bobs.awaitEvent(e -> e.raw().contains("data: elements <ul id=\"items\"></ul>"));
      command(alice, HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
      // Decoded from the bytes received so far: each patch is flushed whole.
      bobs.awaitEvent(e -> e.raw().contains("data: elements <ul id=\"items\"><li>milk</li></ul>"));
      bobs.awaitEvent(e -> e.raw().contains("Seen by bob (1 items)"));
    }
  }

  @Test
  void sharedRegionsRenderOncePerEventWhateverTheNumberOfSubscribers() throws Exception {
    List<Tab> streams = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Tab s = browser().open("/board").connect();
      try {
        awaitReceived(s, "<ul id=\"items\"></ul>");
      } catch (AssertionError e) {
        throw new AssertionError("stream " + i + " of 30, hub connections " + meters.find("honostar.live.connections").gauge().value()
          + ", renders " + counter("honostar.live.renders", "scope", "shared") + "/" + counter("honostar.live.renders", "scope", "viewer"), e);
      }
      streams.add(s);
    }
    double before = counter("honostar.live.renders", "scope", "shared");
    assertThat(before).as("the first subscriber rendered; the others got the cached bytes").isEqualTo(1);
    Tab writer = browser().open("/board");
    command(writer, HttpMethod.POST, "/items", new JsonObject().put("title", "one"));
    for (Tab s : streams) {
      awaitReceived(s, "<li>one</li>");
    }
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isEqualTo(1);
    assertThat(counter("honostar.live.renders", "scope", "viewer")).as("per-viewer regions render per connection")
      .isGreaterThanOrEqualTo(60);
  }

  @Test
  void tokensAreCheckedBeforeAnyStreamOpens() throws Exception {
    Tab alice = browser().open("/board");
    Tab mallory = browser().open("/board");
    String token = token(alice);
    assertThat(mallory.setSignal("_hslive.t", token).tryConnect()).as("another session's token").isEqualTo(403);
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    assertThat(alice.setSignal("_hslive.t", tampered).tryConnect()).isEqualTo(403);
    assertThat(alice.setSignal("_hslive.t", "garbage").tryConnect()).isEqualTo(403);
    assertThat(alice.setSignal("_hslive.t", "").tryConnect()).isEqualTo(400);
    assertThat(counter("honostar.live.refused")).isEqualTo(4);
  }

  @Test
  void aReconnectGetsTheCurrentStateFirst() throws Exception {
    Tab b = browser().open("/board").connect();
    awaitReceived(b, "<ul id=\"items\"></ul>");
    b.disconnect();
    Tab other = browser().open("/board");
    command(other, HttpMethod.POST, "/items", new JsonObject().put("title", "missed"));
    b.connect();
    awaitReceived(b, "<li>missed</li>");
  }

  @Test
  void aClientThatStopsReadingOnlyKeepsTheLatestPatchAndOthersAreNotDelayed() throws Exception {
    // Raw TCP on purpose: the kit always reads what it receives; this client must stop reading.
    Browser slow = browser();
    Tab slowTab = slow.open("/board");
    NetSocket socket = vertx.createNetClient(new io.vertx.core.net.NetClientOptions().setReceiveBufferSize(1024))
      .connect(server.actualPort(), "localhost").await(5, TimeUnit.SECONDS);
    socket.pause();
    socket.write("GET " + liveQuery(token(slowTab)) + " HTTP/1.1\r\nHost: localhost\r\nDatastar-Request: true\r\nCookie: "
      + cookieHeader(slow) + "\r\n\r\n");

    Tab fast = browser().open("/board").connect();
    awaitReceived(fast, "<ul id=\"items\">");
    String big = "x".repeat(200);
    for (int i = 0; i < 1000; i++) {
      app.items.add(big + (i % 10));
    }
    // 40 events of a 200 KB list each: the slow socket fills up and patches start superseding.
    for (int i = 0; i < 40; i++) {
      assertThat(command(fast, HttpMethod.POST, "/items", new JsonObject().put("title", "n" + i)).status()).isEqualTo(204);
    }
    awaitReceived(fast, "<li>n39</li></ul>");
    assertThat(counter("honostar.live.patches.superseded")).isGreaterThan(0);
    socket.close();
  }

  @Test
  void drainEndsStreamsCleanlyAndRefusesNewOnes() throws Exception {
    Tab b = browser().open("/board").connect();
    awaitReceived(b, "<ul id=\"items\">");
    app.honostar.drain().await(10, TimeUnit.SECONDS);
    b.awaitDisconnected();
    assertThat(app.honostar.ready()).isFalse();
    assertThat(b.tryConnect()).isEqualTo(503);
  }

  @Test
  void anApplicationStreamIsReleasedWhenTheClientGoesAway() throws Exception {
    Browser b = browser();
    b.open("/board");
    SseRecorder ticks = b.record("/ticks");
    assertThat(ticks.headers().get("Content-Type")).isEqualTo("text/event-stream");
    assertThat(ticks.awaitEvent(e -> e.raw().contains("\"tick\"")).raw()).startsWith("event: datastar-patch-signals");
    TickSource source = (TickSource) app.lastStreamSource.get();
    ticks.close();
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
