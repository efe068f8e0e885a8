package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing, heartbeats and the maximum stream lifetime. */
class LiveTimingTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getLive().setCoalesceMillis(200).setMaxLifetimeMillis(1500).setLifetimeJitter(0.1).setHeartbeatMillis(200);
    options.getSecurity().getLimits().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    return options;
  }

  @Test
  void aBurstOfEventsLeadsToFewRendersOfTheLatestState() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    double before = counter("honostar.live.renders", "scope", "shared");
    for (int i = 0; i < 20; i++) {
      app.items.add("item" + i);
      // Published straight on the bus, as fast as it goes.
      app.honostar.publish(BoardApp.BOARD, "added", new JsonObject()).await(5, TimeUnit.SECONDS);
    }
    awaitReceived(s, "<li>item19</li></ul>");
    double renders = counter("honostar.live.renders", "scope", "shared") - before;
    assertThat(renders).as("20 events within the window").isBetween(1.0, 3.0);
    assertThat(counter("honostar.live.events.received")).isEqualTo(20);
  }

  @Test
  void streamsEndCleanlyAfterTheirLifetimeSoClientsRebalance() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    long start = System.nanoTime();
    s.awaitDisconnected();
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsed).isBetween(1000L, 3000L);
    // A new stream with the same token works at once.
    assertThat(s.tryConnect()).isEqualTo(200);
    command(s, HttpMethod.POST, "/items", new JsonObject().put("title", "after"));
    awaitReceived(s, "<li>after</li>");
  }

  @Test
  void idleStreamsGetHeartbeatComments() throws Exception {
    Browser b = browser();
    Tab tab = b.open("/board");
    // The recorder, not the tab: a page does not see comments.
    try (SseRecorder s = b.record(liveQuery(token(tab)))) {
      s.awaitEvent(e -> e.raw().contains("<ul id=\"items\"></ul>"));
      // Heartbeats are empty comment lines (":"): at least two within the lifetime.
      assertThat(s.timeout(Duration.ofMillis(1400)).awaitComments(2)).allMatch(String::isEmpty);
    }
  }
}
