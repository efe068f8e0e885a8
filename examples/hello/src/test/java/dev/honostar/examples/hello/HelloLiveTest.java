package dev.honostar.examples.hello;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;
import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Response;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hello app driven like two browsers with the Datastar runtime, through the test kit. */
class HelloLiveTest {

  private Vertx vertx;
  private HonoStarTest app;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    app = HonoStarTest.start(vertx, v -> new HelloApp().router(v, new HonoStarOptions()));
  }

  @AfterEach
  void stop() {
    app.close();
    vertx.close().await();
  }

  @Test
  void aClickInOneSessionUpdatesTheOther() {
    Tab alice = app.browser().open("/").connect();
    Tab bob = app.browser().open("/").connect();
    alice.awaitText("#count", "Count: 0");
    bob.awaitText("#count", "Count: 0");

    Response reply = alice.click("#increment");

    assertThat(reply.status()).isEqualTo(204);
    bob.awaitText("#count", "Count: 1");
    alice.awaitText("#count", "Count: 1");
    assertThat(bob.events()).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo("datastar-patch-elements");
      assertThat(e.datastar("elements")).contains("<strong>1</strong>");
    });
  }

  @Test
  void browsersHaveTheirOwnCookiesAndReadingMakesNoSession() {
    Browser alice = app.browser();
    Browser bob = app.browser();
    alice.open("/");
    bob.open("/");
    // Sessions are made on demand: a page that stores nothing sets no session cookie.
    assertThat(alice.cookie("ds_session")).isNull();
    assertThat(alice.cookie("ds_live")).isNotNull().isNotEqualTo(bob.cookie("ds_live"));
    assertThat(alice.cookie("ds_csrf")).isNotNull().isNotEqualTo(bob.cookie("ds_csrf"));
  }

  @Test
  void aFormPostWithoutJavaScriptRedirectsToThePage() {
    Tab tab = app.browser().open("/");
    assertThat(tab.text("#count")).isEqualTo("Count: 0");

    Response r = tab.submitWithoutJavaScript("form[action=/increment]", Map.of());

    assertThat(r.redirects()).hasSize(1);
    assertThat(r.redirects().get(0).method()).isEqualTo("POST");
    assertThat(r.redirects().get(0).status()).isEqualTo(303);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.status()).isEqualTo(200);
    assertThat(tab.url()).isEqualTo(app.baseUrl() + "/");
    assertThat(tab.text("#count")).isEqualTo("Count: 1");
  }

  @Test
  void aFormPostWithAWrongCsrfFieldIsRefused() {
    Tab tab = app.browser().open("/");
    // The form carries the right _csrf field; type a wrong value over it.
    Response r = tab.submitWithoutJavaScript("form[action=/increment]", Map.of("_csrf", "forged"));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void theSubmitButtonRunsDatastarWhenJavaScriptIsOn() {
    Tab tab = app.browser().open("/").connect();
    Response r = tab.submit("form[action=/increment]", Map.of());
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.method()).isEqualTo("POST");
    tab.awaitText("#count", "Count: 1");
  }

  @Test
  void aReconnectHealsWithTheCurrentState() {
    Tab alice = app.browser().open("/").connect();
    Tab bob = app.browser().open("/").connect();
    alice.awaitText("#count", "Count: 0");

    alice.disconnect();
    assertThat(alice.connected()).isFalse();
    bob.click("#increment");
    bob.awaitText("#count", "Count: 1");
    assertThat(alice.text("#count")).isEqualTo("Count: 0");

    alice.connect().awaitText("#count", "Count: 1");
  }

  @Test
  void aForgedTokenIsRefused() {
    Tab tab = app.browser().open("/");
    tab.setSignal("_hslive.t", "forged");
    assertThat(tab.tryConnect()).isEqualTo(403);
  }

  @Test
  void anotherSessionsTokenIsRefused() {
    Tab alice = app.browser().open("/");
    Tab bob = app.browser().open("/");
    bob.setSignal("_hslive.t", alice.signal("_hslive.t"));
    assertThat(bob.tryConnect()).isEqualTo(403);
    assertThat(alice.tryConnect()).isEqualTo(200);
  }

  @Test
  void aTokenRefreshIsAppliedSoTheNextReconnectUsesIt() throws Exception {
    // A separate app whose tokens live 3 s: the stream sends a fresh one after about 2 s.
    HonoStarOptions options = new HonoStarOptions();
    options.getSecurity().getToken().setLifetimeSeconds(3);
    HonoStarTest.run(v -> new HelloApp().router(v, options), (shortLived, browser) -> {
      Tab tab = browser.open("/").timeout(Duration.ofSeconds(5)).connect();
      Object first = tab.signal("_hslive.t");
      // The stream's first signal patch only says the page's fingerprints were read (_hslive.s).
      ReceivedEvent refresh = tab.awaitEvent(e -> e.type().equals("datastar-patch-signals") && e.datastar("signals").contains("\"t\":"));
      assertThat(refresh.datastar("signals")).startsWith("{\"_hslive\":{\"t\":");
      assertThat(tab.signal("_hslive.t")).isNotEqualTo(first)
        .isEqualTo(new JsonObject(refresh.datastar("signals")).getJsonObject("_hslive").getString("t"));
      tab.disconnect().connect().awaitText("#count", "Count: 0");
    });
  }

  @Test
  void theStreamIsOpenedExactlyAsTheRuntimeDoes() {
    Browser browser = app.browser();
    Tab tab = browser.open("/");
    JsonObject signals = tab.signals();
    assertThat(signals.fieldNames()).containsExactly("_hslive");
    String token = signals.getJsonObject("_hslive").getString("t");

    String query = URLEncoder.encode(new JsonObject().put("_hslive", new JsonObject().put("t", token)).encode(), StandardCharsets.UTF_8);
    try (SseRecorder rec = browser.record("/_/events?datastar=" + query)) {
      assertThat(rec.status()).isEqualTo(200);
      assertThat(rec.headers().get("Content-Type")).startsWith("text/event-stream");
      ReceivedEvent first = rec.awaitEvents(1).get(0);
      assertThat(first.type()).isEqualTo("datastar-patch-elements");
      assertThat(first.raw()).startsWith("event: datastar-patch-elements\ndata: elements <p id=\"count\"");
    }
  }
}
