package dev.honostar.it;

import dev.honostar.impl.BlockingExecutor;
import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages, layouts, loaders, commands and every reply transport, over real HTTP. */
class PagesAndCommandsTest extends BoardFixture {

  @Test
  void pageRendersAFullDocumentWithHeadNonceAndLiveElement() throws Exception {
    Tab tab = browser().open("/board");
    assertThat(tab.status()).isEqualTo(200);
    String csp = tab.response().header("Content-Security-Policy");
    var doc = tab.document();
    assertThat(doc.title()).isEqualTo("Board (0)");
    assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("A <test> board");
    String nonce = doc.selectFirst("script[nonce]").attr("nonce");
    assertThat(csp).contains("'nonce-" + nonce + "'");
    doc.select("script").forEach(s -> assertThat(s.attr("nonce")).as("every script carries the nonce: %s", s).isEqualTo(nonce));
    assertThat(doc.getElementById("hs-live").attr("data-init")).startsWith("@get('/_/events'");
    assertThat(token(tab)).isNotBlank();
    assertThat(doc.selectFirst("input[name=_csrf]").val()).isEqualTo(csrf(tab));
  }

  @Test
  void blockingLoaderRunsOffTheEventLoopAndCanShortCircuit() throws Exception {
    app.items.add("first");
    Browser b = browser();
    Tab tab = b.open("/items/0");
    assertThat(tab.status()).isEqualTo(200);
    assertThat(tab.text("#plain")).isEqualTo("first");
    assertThat(app.loaderThread.get()).doesNotContain("eventloop");
    if (BlockingExecutor.virtualThreadsAvailable()) {
      assertThat(app.loaderThread.get()).startsWith("VirtualThread");
    } else {
      assertThat(app.loaderThread.get()).contains("worker");
    }
    assertThat(b.open("/items/5").status()).isEqualTo(404);
  }

  @Test
  void aMisspeltPathParameterNamesTheRoutesParameters() throws Exception {
    // A Datastar request gets the development message as text (the 500 page stays generic).
    Response resp = browser().request("GET", "/typo/7", MultiMap.caseInsensitiveMultiMap().add("Datastar-Request", "true"), null);
    assertThat(resp.status()).isEqualTo(500);
    assertThat(resp.body()).contains("Route /typo/:id has no path parameter 'itemId'; its parameters are id");
  }

  @Test
  void loaderRedirectIsA303() throws Exception {
    Response hop = browser().open("/guarded").response().redirects().get(0);
    assertThat(hop.status()).isEqualTo(303);
    assertThat(hop.header("Location")).isEqualTo("/board");
  }

  @Test
  void commandWithoutEffectsIs204AndPublishes() throws Exception {
    Tab b = browser().open("/board");
    Response resp = command(b, HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    assertThat(resp.status()).isEqualTo(204);
    assertThat(app.items).containsExactly("milk");
    assertThat(command(b, HttpMethod.DELETE, "/items", new JsonObject()).status()).isEqualTo(204);
    assertThat(app.items).isEmpty();
  }

  @Test
  void validationFailureIsA200SignalsPatchForDatastar() throws Exception {
    Tab b = browser().open("/board");
    Response resp = command(b, HttpMethod.POST, "/items", new JsonObject().put("title", " "));
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.header("Content-Type")).isEqualTo("application/json");
    assertThat(new JsonObject(resp.body())).isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "Title is required")));
    assertThat(app.items).isEmpty();
  }

  @Test
  void plainFormPostIsPostRedirectGetAndFlashesErrors() throws Exception {
    Tab b = browser().open("/board");
    Response ok = b.submitWithoutJavaScript("form[action=/items]", Map.of("title", "eggs")).redirects().get(0);
    assertThat(ok.status()).isEqualTo(303);
    assertThat(ok.header("Location")).as("back to the page the form was on").isEqualTo("/board");
    assertThat(app.items).containsExactly("eggs");

    // The 303 is followed: the page it leads to shows the flashed error.
    Response bad = b.submitWithoutJavaScript("form[action=/items]", Map.of("title", "x".repeat(30))).redirects().get(0);
    assertThat(bad.status()).isEqualTo(303);
    assertThat(b.text("#title-error")).isEqualTo("Title is too long");
    b.navigate("/board");
    assertThat(b.has("#title-error")).as("flash shows once").isFalse();
  }

  @Test
  void commandsDoNotReceiveTheTopicToken() throws Exception {
    Tab b = browser().open("/board");
    String signals = b.document().getElementById("hs-live").attr("data-signals");
    assertThat(signals).startsWith("{\"_hslive\"");
    assertThat(b.document().getElementById("hs-live").attr("data-init")).contains("include:/^_hslive\\./,exclude:/(?!)/");
  }

  @Test
  void anAppStreamOfOtherItemsSendsWhatItsFunctionMakesOfThem() throws Exception {
    Browser b = browser();
    b.open("/board");
    try (SseRecorder clock = b.record("/clock")) {
      // The consumer exists once the stream's request arrived: publish until a time shows.
      long timer = vertx.setPeriodic(20, id -> vertx.eventBus().publish("clock", "12:00"));
      try {
        assertThat(clock.awaitEvent(e -> e.raw().contains("<time id=\"clock\">12:00</time>")).raw())
          .contains("event: datastar-patch-elements");
      } finally {
        vertx.cancelTimer(timer);
      }
    }
  }

  @Test
  void formPostWithoutCsrfIsRefused() throws Exception {
    Browser b = browser();
    Tab tab = b.open("/board");
    assertThat(form(b, tab, "/items", "title", "x").status()).isEqualTo(403);
    assertThat(app.items).isEmpty();
  }

  @Test
  void replyTransportsFollowTheEffects() throws Exception {
    Tab b = browser().open("/board");
    assertThat(command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "none")).status()).isEqualTo(204);

    Response one = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "one"));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.header("Content-Type")).isEqualTo("application/json");
    assertThat(one.body()).isEqualTo("{\"saved\":true}");

    Response many = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "many"));
    assertThat(many.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(many.body()).isEqualTo("event: datastar-patch-signals\ndata: signals {\"saved\":true}\n\n"
      + "event: datastar-patch-elements\ndata: elements <p id=\"x\">x</p>\n\n");

    Response region = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "region"));
    assertThat(region.header("Content-Type")).startsWith("text/html");
    assertThat(region.body()).isEqualTo("<p id=\"plain\">&lt;b&gt;hi&lt;/b&gt;</p>");

    Response streamOnly = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "stream-only"));
    assertThat(streamOnly.body()).startsWith("event: datastar-patch-signals\nid: 7\n");

    Response redirect = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "redirect"));
    // Not an inline script, which the page's CSP would block: an element Datastar evaluates.
    assertThat(redirect.header("Content-Type")).startsWith("text/html");
    assertThat(redirect.header("datastar-selector")).isEqualTo("body");
    assertThat(redirect.header("datastar-mode")).isEqualTo("append");
    assertThat(Jsoup.parseBodyFragment(redirect.body()).selectFirst("div[data-init]").attr("data-init"))
      .isEqualTo("window.location.assign(\"/board\")");
  }

  @Test
  void toastAndCustomEffectsExpandToPatches() throws Exception {
    Tab b = browser().open("/board");
    Response toast = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "toast"));
    assertThat(toast.header("datastar-selector")).isEqualTo("#toast-container");
    assertThat(toast.header("datastar-mode")).isEqualTo("append");
    assertThat(Jsoup.parseBodyFragment(toast.body()).selectFirst(".hs-toast__message").text()).isEqualTo("Saved <ok>");

    Response flash = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "flash"));
    assertThat(flash.header("datastar-selector")).isEqualTo("#flash");
    assertThat(flash.body().strip()).isEqualTo("<div id=\"flash\">Flash!</div>");

    Response unknown = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "unknown"));
    assertThat(unknown.status()).isEqualTo(500);
    assertThat(unknown.body()).contains("Unknown effect 'nope'");
  }

  @Test
  void noJavaScriptCommandRedirectsToTheCommandsTarget() throws Exception {
    Browser b = browser();
    Tab tab = b.open("/board");
    Response resp = form(b, tab, "/replies", "_csrf", csrf(tab), "kind", "redirect");
    assertThat(resp.status()).isEqualTo(303);
    assertThat(resp.header("Location")).isEqualTo("/board");
  }

  @Test
  void errorsAreHtmlForBrowsersAndShortForDatastar() throws Exception {
    Browser browser = browser();
    Response missing = browser.open("/nowhere").response();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("text/html");
    assertThat(missing.body()).contains("<!doctype html>");
    Tab b = browser.open("/board");
    Response method = command(b, HttpMethod.PUT, "/items", new JsonObject());
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.header("Content-Type")).startsWith("text/plain");
    Response boom = command(b, HttpMethod.POST, "/replies", new JsonObject().put("kind", "fail"));
    assertThat(boom.status()).isEqualTo(500);
  }

  @Test
  void anErrorPageKeepsTheVisitorsTheme() throws Exception {
    // It used to be built without the theme cookie: a dark-theme visitor got a light error page.
    Browser b = browser().cookie(dev.honostar.view.Theme.COOKIE_NAME, "dark");
    for (String path : java.util.List.of("/board", "/nowhere")) {
      Tab tab = b.open(path);
      assertThat(tab.status()).isEqualTo(path.equals("/board") ? 200 : 404);
      assertThat(tab.document().selectFirst("html").attr("data-theme")).as(path).isEqualTo("dark");
    }
  }
}
