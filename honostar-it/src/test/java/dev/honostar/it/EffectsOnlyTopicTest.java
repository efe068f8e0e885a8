package dev.honostar.it;

import dev.honostar.command.Effect;
import dev.honostar.live.LiveEffects;
import dev.honostar.test.Tab;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

/**
 * A page may subscribe to a topic for its one-off effects only (no query, no region). The node
 * keeps listening to the topic while any tab needs it: a tab that leaves, with or without regions
 * on the topic, does not cut the others off.
 */
class EffectsOnlyTopicTest extends BoardFixture {

  private void announce(String text) throws Exception {
    app.honostar.publish(BoardApp.BOARD, "announced", LiveEffects.attach(new JsonObject(), Effect.toast(text)))
      .await(10, TimeUnit.SECONDS);
  }

  private void awaitConnections(int n) {
    dev.honostar.bus.TestSupport.await(dev.honostar.bus.TestSupport.eventually(vertx, 10_000, n + " open streams",
      () -> meters.find("honostar.live.connections").gauge().value() == n), 11_000);
  }

  /** The tab that leaves is effects-only too ({@code /notices}), or the last with regions on the topic ({@code /board}). */
  @ParameterizedTest
  @ValueSource(strings = {"/notices", "/board"})
  void anEffectsOnlyTabKeepsGettingEffectsAfterAnotherTabLeaves(String leavingPage) throws Exception {
    Tab leaving = browser().open(leavingPage).connect();
    Tab staying = browser().open("/notices").connect();
    announce("both listening");
    awaitReceived(leaving, "both listening");
    awaitReceived(staying, "both listening");

    leaving.disconnect();
    awaitConnections(1);
    announce("after one left");
    awaitReceived(staying, "after one left");
  }
}
