package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.command.Effect;
import dev.honostar.live.LiveEffects;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-off effects for other tabs (a toast "Alice closed #12") carry SSE ids; a tab that reconnects
 * with the last id it got receives the ones it missed while the node's window still holds them,
 * and only the current state (fat patches) once it does not.
 */
class LiveEffectsReplayTest extends BoardFixture {

  private static final Pattern ID = Pattern.compile("^id: (\\S+)$", Pattern.MULTILINE);

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getLive().setReplayEvents(3);
    return options;
  }

  private void announce(String text) throws Exception {
    app.honostar.publish(BoardApp.BOARD, "announced", LiveEffects.attach(new JsonObject(), Effect.toast(text)))
      .await(10, TimeUnit.SECONDS);
  }

  /** Opens the board in {@code b} and its live stream, once the current state arrived. */
  private static Tab tab(Browser b) {
    Tab stream = b.open("/board").connect();
    awaitReceived(stream, "<ul id=\"items\">");
    return stream;
  }

  private static String lastId(String text) {
    Matcher m = ID.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  @Test
  void anEffectReachesTheTopicsTabsWithAnIdAndAPositionSignal() throws Exception {
    Tab stream = tab(browser());
    announce("Alice closed #12");
    String text = awaitReceived(stream, "Alice closed #12");
    assertThat(text).contains("selector #toast-container");
    String id = awaitReceived(stream, t -> t.indexOf("\"e\":", t.indexOf("Alice closed #12")) > 0);
    assertThat(lastId(id)).as("the position after the toast").isNotNull();
    assertThat(id).contains("data: signals {\"_hslive\":{\"e\":\"" + lastId(id) + "\"}}");
  }

  @Test
  void aReconnectingTabGetsTheEffectsItMissedInOrderByHeaderOrSignal() throws Exception {
    for (boolean inHeader : List.of(true, false)) {
      Browser bob = browser();
      Tab first = tab(bob);
      String seen = "seen " + inHeader;
      announce(seen);
      String id = lastId(awaitReceived(first, t -> t.contains(seen) && lastId(t.substring(t.indexOf(seen))) != null));
      first.disconnect();
      // Bob's was the only tab: the hub stops listening, the window keeps listening for the tab that blinked.
      dev.honostar.bus.TestSupport.await(dev.honostar.bus.TestSupport.eventually(vertx, 10_000, "the hub saw the tab go",
        () -> meters.find("honostar.live.connections").gauge().value() == 0), 11_000);
      announce("missed one " + inHeader);
      announce("missed two " + inHeader);
      Tab other = browser().open("/board");
      command(other, HttpMethod.POST, "/items", new JsonObject().put("title", "state " + inHeader));

      try (SseRecorder again = reconnect(bob, first, id, inHeader)) {
        String text = awaitText(again, t -> t.contains("missed two " + inHeader) && t.contains("<li>state " + inHeader + "</li>"));
        assertThat(text).doesNotContain(seen + "<").contains("missed one " + inHeader);
        assertThat(text.indexOf("missed one " + inHeader)).isLessThan(text.indexOf("missed two " + inHeader));
      }
    }
  }

  @Test
  void effectsForOthersSkipTheSendersBrowserOnly() throws Exception {
    Tab alices = tab(browser());
    Tab bobs = tab(browser());
    command(alices, HttpMethod.POST, "/announce", new JsonObject().put("text", "Alice closed #12"));
    awaitReceived(bobs, "Alice closed #12");
    announce("for everyone");
    awaitReceived(alices, "for everyone");
    assertThat(received(alices)).as("the sender's own tab has its reply instead").doesNotContain("Alice closed #12");
  }

  @Test
  void pastTheWindowATabGetsTheCurrentStateOnly() throws Exception {
    Browser bob = browser();
    Tab first = tab(bob);
    announce("seen");
    String id = lastId(awaitReceived(first, t -> t.contains("seen") && lastId(t.substring(t.indexOf("seen"))) != null));
    // Another tab keeps the topic watched; four effects overflow the window of three.
    Tab watcher = tab(browser());
    for (int i = 1; i <= 4; i++) {
      announce("gone " + i);
    }
    command(watcher, HttpMethod.POST, "/items", new JsonObject().put("title", "latest"));
    awaitReceived(watcher, "<li>latest</li>");

    try (SseRecorder again = reconnect(bob, first, id, true)) {
      String text = awaitText(again, t -> t.contains("<li>latest</li>") && t.contains("\"e\":"));
      assertThat(text).as("no partial replay: the first missed effect left the window").doesNotContain("gone ");
    }
  }
}
