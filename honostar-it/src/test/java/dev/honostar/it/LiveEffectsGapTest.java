package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.TestSupport;
import dev.honostar.command.Effect;
import dev.honostar.live.LiveEffects;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real Redis (a private server, restarted): one-off effects other nodes published while
 * this node's bus was down never reached it, so a tab whose position is from before the outage
 * gets no replay at all (never a partial one), only the current state and a fresh position.
 */
class LiveEffectsGapTest extends BoardFixture {

  private final int port = TestSupport.freePort();
  private ExternalProcess redis = ExternalProcess.redis(port);

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(java.util.Map.of("HONOSTAR_SIGNING_SECRET", "gap-test-secret-0123456789abcdef0123456789"));
    options.getLive().setCoalesceMillis(0);
    options.getBus().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:" + port).setReconnectBackoffMin(20).setReconnectBackoffMax(200);
    return options;
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  private void announce(String text) throws Exception {
    app.honostar.publish(BoardApp.BOARD, "announced", LiveEffects.attach(new JsonObject(), Effect.toast(text)))
      .otherwiseEmpty().await(10, TimeUnit.SECONDS);
  }

  @Test
  void noReplayAcrossABusOutage() throws Exception {
    Browser bob = browser();
    Tab first = bob.open("/board").connect();
    awaitReceived(first, "<ul id=\"items\">");
    announce("before the outage");
    String text = awaitReceived(first, t -> t.contains("before the outage") && t.lastIndexOf("id: ") > t.indexOf("before the outage"));
    String id = text.substring(text.lastIndexOf("id: ") + 4, text.indexOf('\n', text.lastIndexOf("id: ")));

    redis.close();
    TestSupport.await(TestSupport.eventually(vertx, 10_000, "the bus sees Redis go", () -> !app.honostar.bus().health().up()), 11_000);
    redis = ExternalProcess.redis(port);
    TestSupport.await(TestSupport.eventually(vertx, 20_000, "the bus reconnected", () -> app.honostar.bus().health().up()), 21_000);
    announce("after the outage");
    awaitReceived(first, "after the outage");
    first.disconnect();

    try (SseRecorder again = reconnect(bob, first, id, true)) {
      String replayed = awaitText(again, t -> t.contains("<ul id=\"items\">") && t.contains("\"e\":"));
      assertThat(replayed).as("nothing replayed from before the gap").doesNotContain("after the outage");
    }
  }
}
