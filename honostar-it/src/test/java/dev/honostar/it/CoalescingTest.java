package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Tab;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Coalescing bounds renders without delaying an isolated event. */
class CoalescingTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    // A window far longer than the test's waits: whatever arrives did not wait for it.
    options.getLive().setCoalesceMillis(60_000);
    return options;
  }

  @Test
  void anIsolatedEventRendersAtOnceNotWhenTheWindowCloses() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    double before = counter("honostar.live.renders", "scope", "shared");
    app.items.add("first");
    app.honostar.publish(BoardApp.BOARD, "added", new JsonObject()).await(5, TimeUnit.SECONDS);
    awaitReceived(s, "<li>first</li></ul>");
    assertThat(counter("honostar.live.renders", "scope", "shared") - before).isEqualTo(1.0);
  }
}
