package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing, heartbeats and the maximum stream lifetime. */
class LiveTimingTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getLive().setCoalesceMillis(200).setMaxLifetimeMillis(1500).setLifetimeJitter(0.1).setHeartbeatMillis(200);
    options.getSecurity().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    return options;
  }

  @Test
  void aBurstOfEventsLeadsToFewRendersOfTheLatestState() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    double before = counter("honostar.live.renders", "scope", "shared");
    for (int i = 0; i < 20; i++) {
      app.items.add("item" + i);
      // Published straight on the bus, as fast as it goes.
      app.honostar.publish(BoardApp.BOARD, "added", new JsonObject()).await(5, TimeUnit.SECONDS);
    }
    s.awaitContains("<li>item19</li></ul>");
    double renders = counter("honostar.live.renders", "scope", "shared") - before;
    assertThat(renders).as("20 events within the window").isBetween(1.0, 3.0);
    assertThat(counter("honostar.live.events.received")).isEqualTo(20);
  }

  @Test
  void streamsEndCleanlyAfterTheirLifetimeSoClientsRebalance() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    long start = System.nanoTime();
    s.ended.get(10, TimeUnit.SECONDS);
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsed).isBetween(1000L, 3000L);
    // A new stream with the same token works at once.
    TestBrowser.LiveStream again = b.stream();
    assertThat(again.status).isEqualTo(200);
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "after"));
    again.awaitContains("<li>after</li>");
  }

  @Test
  void idleStreamsGetHeartbeatComments() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    // Heartbeats are empty comment lines (":"): at least two within the lifetime.
    java.util.regex.Pattern heartbeat = java.util.regex.Pattern.compile("(?m)^:$");
    s.await(t -> heartbeat.matcher(t).results().count() >= 2, 1400);
  }
}
