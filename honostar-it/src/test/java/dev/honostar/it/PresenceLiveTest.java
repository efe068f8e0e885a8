package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.Topic;
import dev.honostar.test.Browser;
import dev.honostar.test.Tab;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is in a room, through the test kit as Datastar drives it: a user's many tabs count once, an
 * anonymous tab sees the set without being in it, a user who closed every tab leaves after the
 * grace period (not at once: a reload does not flicker), and the presence region renders once per
 * change for every tab, never on the topic's other events.
 */
class PresenceLiveTest extends BoardFixture {

  private static final long GRACE = 400;

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getPresence().setHeartbeatMillis(200).setTtlMillis(600).setLeaveGraceMillis(GRACE);
    return options;
  }

  private static Tab here(Tab tab, String expected) {
    return tab.awaitCondition("#here shows '" + expected + "'", d -> d.selectFirst("#here") != null
      && d.selectFirst("#here").text().equals(expected));
  }

  @Test
  void twoTabsOfOneUserCountOnceAndTheyLeaveAfterTheGrace() throws Exception {
    Browser alice = browser();
    Tab alice1 = alice.open("/room/1?name=Alice").connect();
    Tab alice2 = alice.open("/room/1").connect();
    Tab bob = browser().open("/room/1?name=Bob").connect();
    Tab anonymous = browser().open("/room/1").connect();
    for (Tab tab : List.of(alice1, alice2, bob, anonymous)) {
      here(tab, "here: [Alice] [Bob]");
    }
    assertThat(app.honostar.presence().current(Topic.of("room:1")).count()).isEqualTo(2);

    // One of Alice's tabs closes: she is still here (her other tab).
    alice1.disconnect();
    // Both of Alice's tabs closed: she leaves once the grace period has passed.
    double renders = counter("honostar.live.renders", "scope", "presence");
    long closed = System.nanoTime();
    alice2.disconnect();
    here(bob, "here: [Bob]");
    long leftAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
    assertThat(leftAfter).as("not before the grace period").isGreaterThanOrEqualTo(GRACE);
    here(anonymous, "here: [Bob]");
    assertThat(counter("honostar.live.renders", "scope", "presence") - renders).as("one render for the remaining tabs").isEqualTo(1);
    assertThat(received(bob)).doesNotContain("[Alice] [Alice]");
  }

  @Test
  void aReloadWithinTheGraceDoesNotFlickerAndOtherEventsDoNotRenderThePresence() throws Exception {
    Browser carol = browser();
    Tab watcher = browser().open("/room/2").connect();
    Tab tab = carol.open("/room/2?name=Carol").connect();
    here(watcher, "here: [Carol]");
    int patches = received(watcher).split("here:").length;

    // A reload: the old stream ends, the new page's stream opens within the grace period.
    tab.disconnect();
    Tab reloaded = carol.open("/room/2").connect();
    here(reloaded, "here: [Carol]");
    double renders = counter("honostar.live.renders", "scope", "presence");
    app.honostar.publish(Topic.of("room:2"), "note.added", new JsonObject()).await(5, TimeUnit.SECONDS);
    // Let the grace period pass, and the event reach the hub: still one patch of the presence region.
    vertx.timer(GRACE * 2).await(5, TimeUnit.SECONDS);
    assertThat(received(watcher).split("here:").length).as("Carol never left").isEqualTo(patches);
    assertThat(counter("honostar.live.renders", "scope", "presence")).as("a note is no presence change").isEqualTo(renders);
    here(watcher, "here: [Carol]");
  }
}
