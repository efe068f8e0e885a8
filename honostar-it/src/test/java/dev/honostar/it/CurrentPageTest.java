package dev.honostar.it;

import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that includes its live regions with {{region}} tells its stream what it rendered
 * ({@code _hslive.s}): a tab whose page is current is sent none of it on connect, and stays in
 * step for the next event; any doubt (a stale page, a forged or missing fingerprint, a Datastar
 * retry) sends the region whole, as before.
 */
class CurrentPageTest extends BoardFixture {

  private static final String SHOWN_RECEIVED = "_hslive\":{\"s\":null}";

  @BeforeEach
  void entries() {
    for (int i = 0; i < 8; i++) {
      app.items.add("an entry long enough that the list outweighs a change, number " + i);
    }
  }

  @Test
  void aTabWhosePageIsCurrentIsSentNothingOnConnectAndThenOnlyWhatChanges() {
    Tab tab = browser().open("/log-current");
    assertThat(tab.signal("_hslive.s")).as("the page's fingerprints").isNotNull();
    tab.connect();
    awaitReceived(tab, SHOWN_RECEIVED);

    command(tab, HttpMethod.POST, "/items", new JsonObject().put("title", "berry"));
    awaitReceived(tab, "entry-8\">berry");
    assertThat(received(tab)).as("in step with a list it was never sent")
      .contains("data: selector #entry-7\ndata: mode after").doesNotContain("<ol").doesNotContain("number 0");
    assertThat(tab.signal("_hslive.s")).as("forgotten once the stream opened").isNull();
    assertThat(tab.text("#entry-8")).isEqualTo("berry");
  }

  @Test
  void aStalePageGetsTheRegionWhole() {
    Tab stale = browser().open("/log-current");
    Tab other = browser().open("/log-current").connect();
    command(other, HttpMethod.POST, "/items", new JsonObject().put("title", "berry"));
    awaitReceived(other, "entry-8\">berry");

    stale.connect();
    String whole = awaitReceived(stale, "<ol id=\"log\">");
    assertThat(whole).contains("entry-0\">an entry", "entry-8\">berry");
  }

  @Test
  void aPageThatIncludesTheRegionAsAPartialSendsNoFingerprintsAndGetsItWhole() {
    Tab tab = browser().open("/log");
    assertThat(tab.signal("_hslive.s")).isNull();
    tab.connect();
    awaitReceived(tab, "<ol id=\"log\">");
  }

  @Test
  void aForgedFingerprintOrADatastarRetryGetsTheRegionWhole() {
    Browser browser = browser();
    Tab tab = browser.open("/log-current");
    String token = token(tab);
    String real = ((JsonObject) tab.signal("_hslive.s")).getString("it/log");

    try (SseRecorder forged = browser.record(query(token, new JsonObject().put("it/log", "A".repeat(real.length()))))) {
      assertThat(awaitText(forged, t -> t.contains("<ol id=\"log\">"))).contains("number 7");
    }
    // A retry resends the first request's signals, which may predate patches the tab applied since.
    try (SseRecorder retry = browser.record(query(token, new JsonObject().put("it/log", real)),
      MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", "hs-shown"))) {
      assertThat(awaitText(retry, t -> t.contains("<ol id=\"log\">"))).doesNotContain(SHOWN_RECEIVED);
    }
    try (SseRecorder current = browser.record(query(token, new JsonObject().put("it/log", real)))) {
      assertThat(awaitText(current, t -> t.contains(SHOWN_RECEIVED))).contains("id: hs-shown");
    }
  }

  @Test
  void malformedFingerprintsAreRefused() {
    Browser browser = browser();
    Tab tab = browser.open("/log-current");
    String token = token(tab);
    for (Object bad : new Object[] {"it/log", new JsonObject().put("it/log", 7), new JsonObject().put("it/log", "short")}) {
      String path = "/_/events?datastar=" + URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", token).put("s", bad))
        .encode(), StandardCharsets.UTF_8);
      var response = browser.request("GET", path, MultiMap.caseInsensitiveMultiMap().add("Datastar-Request", "true"), null);
      assertThat(response.status()).as("%s", bad).isEqualTo(400);
      assertThat(response.body()).contains("Malformed _hslive.s");
    }
  }

  private static String query(String token, JsonObject shown) {
    return "/_/events?datastar=" + URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", token).put("s", shown))
      .encode(), StandardCharsets.UTF_8);
  }
}
