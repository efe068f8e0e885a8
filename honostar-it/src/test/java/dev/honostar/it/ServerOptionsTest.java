package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code HonoStarOptions.applyTo(HttpServerOptions)} turns off and bounds, seen on the wire. */
class ServerOptionsTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().getLimits().setIdleTimeoutSeconds(1);
    options.getLive().setHeartbeatMillis(250);
    return options;
  }

  @Test
  void cleartextHttp2IsOffByUpgradeAndByPriorKnowledge() throws Exception {
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      String answer = raw.send("GET /board HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").readAll(3_000);
      assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("101 Switching Protocols");
    }
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      String answer = raw.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").readAll(3_000);
      // An HTTP/2 server would answer with a binary SETTINGS frame; this one answers in text and refuses.
      assertThat(answer).matches("(?s)HTTP/\\S+ (4|5)\\d\\d .*");
    }
  }

  @Test
  void halfSentRequestsAreClosedAfterTheIdleTimeout() throws Exception {
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      raw.send("GET /board HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      raw.readAll(20_000);
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void liveStreamsOutliveTheIdleTimeoutThanksToTheirHeartbeats() throws Exception {
    Browser b = browser();
    Tab tab = b.open("/board");
    // The recorder, not the tab: a page does not see comments.
    try (SseRecorder s = b.record(liveQuery(token(tab)))) {
      s.awaitEvent(e -> e.raw().contains("<ul id=\"items\"></ul>"));
      // Eight heartbeats take two seconds, twice the idle timeout.
      assertThat(s.timeout(Duration.ofSeconds(20)).awaitComments(8)).allMatch(String::isEmpty);
      command(tab, HttpMethod.POST, "/items", new JsonObject().put("title", "still here"));
      s.awaitEvent(e -> e.raw().contains("<li>still here</li>"));
    }
  }

  @Test
  void aRequestTrickledByteByByteIsClosedAfterTheIdleTimeout() throws Exception {
    java.util.concurrent.ScheduledExecutorService trickle = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try (RawHttp raw = new RawHttp(server.actualPort())) {
      raw.send("GET /board HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      // A byte every 200 ms. Vert.x's idle clock sits behind the HTTP decoder, so only whole
      // requests (or body chunks) count as traffic: a trickled header is idle all along.
      trickle.scheduleAtFixedRate(() -> {
        try {
          raw.send("a");
        } catch (java.io.IOException closed) {
          throw new IllegalStateException(closed);
        }
      }, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
      raw.readAll(20_000);
      assertThat(raw.closedByServer()).isTrue();
    } finally {
      trickle.shutdownNow();
    }
  }
}
