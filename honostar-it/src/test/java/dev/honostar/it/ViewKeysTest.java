package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.Tab;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regions keyed by what they depend on: the tab's URL parameters and its kind of viewer. Each
 * event renders once per distinct view among the tabs, each tab keeps its own view, and the
 * view cannot be forged or grown without bound.
 */
class ViewKeysTest extends BoardFixture {

  @Override
  HonoStarOptions options() {
    HonoStarOptions options = super.options();
    options.getSecurity().getLimits().setCommandRatePerSecond(10_000).setCommandBurst(10_000);
    options.getSecurity().getToken().setMaxViewBytes(64);
    return options;
  }

  private Tab tab(Browser browser, String path, String expected) {
    Tab stream = browser.open(path);
    assertThat(stream.tryConnect()).isEqualTo(200);
    awaitReceived(stream, expected);
    return stream;
  }

  @Test
  void anEventRendersOncePerDistinctViewAndEveryTabKeepsItsOwn() throws Exception {
    Browser anonymous = browser();
    Browser member = browser();
    Tab membersBoard = member.open("/board?name=bob");
    List<Tab> apples = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      apples.add(tab(anonymous, "/shelf?filter=app", "for anonymous, filter \"app\", 0 in all"));
    }
    // Two tabs of one session with another filter: they must not see the first filter's list.
    List<Tab> berries = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      berries.add(tab(anonymous, "/shelf?filter=berr", "for anonymous, filter \"berr\", 0 in all"));
    }
    Tab membersApples = tab(member, "/shelf?filter=app", "for member, filter \"app\", 0 in all");
    assertThat(counter("honostar.live.renders", "scope", "shared")).as("one render per view on connect").isEqualTo(3);

    double renders = counter("honostar.live.renders", "scope", "shared");
    double queries = counter("honostar.live.queries", "scope", "shared");
    command(membersBoard, HttpMethod.POST, "/items", new JsonObject().put("title", "apple"));
    for (Tab s : apples) {
      awaitReceived(s, "for anonymous, filter \"app\", 1 in all: [apple]");
    }
    for (Tab s : berries) {
      awaitReceived(s, "for anonymous, filter \"berr\", 1 in all:</div>");
    }
    awaitReceived(membersApples, "for member, filter \"app\", 1 in all: [apple]");
    assertThat(counter("honostar.live.renders", "scope", "shared") - renders).as("six tabs, three views").isEqualTo(3);
    assertThat(counter("honostar.live.queries", "scope", "shared") - queries).isEqualTo(3);
    for (Tab s : berries) {
      assertThat(received(s)).doesNotContain("apple").doesNotContain("filter \"app\"");
    }
    assertThat(meters.find("honostar.live.views").gauge().value()).isEqualTo(3);
  }

  @Test
  void theViewComesFromTheSignedTokenAndCannotBeAltered() throws Exception {
    Browser alice = browser();
    Tab page = alice.open("/shelf?filter=app");
    String[] parts = token(page).split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
    String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf("app");
    assertThat(at).as("the filter travels in the token").isPositive();
    payload[at] = 'z';
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[1];
    assertThat(page.setSignal("_hslive.t", forged).tryConnect()).as("a token whose view was changed").isEqualTo(403);
    // Parameters sent beside the token are not the view: the stream renders the token's.
    Tab stream = alice.open("/shelf?filter=app").connect();
    awaitReceived(stream, "filter \"app\"");
  }

  @Test
  void aViewLargerThanTheBoundIsRefusedWithAClearStatus() throws Exception {
    Browser alice = browser();
    Tab page = alice.open("/shelf?filter=" + "x".repeat(100));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.response().body()).contains("maxViewBytes");
    assertThat(alice.open("/shelf?filter=" + "x".repeat(20)).status()).isEqualTo(200);
  }

  @Test
  void aTabSeesItsViewAfterItsSessionLoadedAnother() throws Exception {
    // The bug this design removed: the list's filter was kept in the session, so the tab that
    // loaded first received the filter of the tab that loaded last.
    Browser browser = browser();
    Tab first = tab(browser, "/shelf?filter=app", "filter \"app\"");
    Tab second = tab(browser, "/shelf?filter=berr", "filter \"berr\"");
    command(second, HttpMethod.POST, "/items", new JsonObject().put("title", "apple"));
    awaitReceived(first, "filter \"app\", 1 in all: [apple]");
    awaitReceived(second, "filter \"berr\", 1 in all:</div>");
    assertThat(received(first)).doesNotContain("berr");
    assertThat(received(second)).doesNotContain("[apple]");
  }
}
