package dev.honostar.it;

import dev.honostar.impl.BlockingExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages, layouts, loaders, commands and every reply transport, over real HTTP. */
class PagesAndCommandsTest extends BoardFixture {

  @Test
  void pageRendersAFullDocumentWithHeadNonceAndLiveElement() throws Exception {
    TestBrowser b = browser();
    HttpResponse<Buffer> resp = b.open("/board");
    assertThat(resp.statusCode()).isEqualTo(200);
    String csp = resp.getHeader("Content-Security-Policy");
    var doc = b.document;
    assertThat(doc.title()).isEqualTo("Board (0)");
    assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("A <test> board");
    String nonce = doc.selectFirst("script[nonce]").attr("nonce");
    assertThat(csp).contains("'nonce-" + nonce + "'");
    doc.select("script").forEach(s -> assertThat(s.attr("nonce")).as("every script carries the nonce: %s", s).isEqualTo(nonce));
    assertThat(doc.getElementById("hs-live").attr("data-init")).startsWith("@get('/_/events'");
    assertThat(b.token).isNotBlank();
    assertThat(doc.selectFirst("input[name=_csrf]").val()).isEqualTo(b.csrf);
  }

  @Test
  void blockingLoaderRunsOffTheEventLoopAndCanShortCircuit() throws Exception {
    app.items.add("first");
    TestBrowser b = browser();
    HttpResponse<Buffer> resp = b.open("/items/0");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(b.document.getElementById("plain").text()).isEqualTo("first");
    assertThat(app.loaderThread.get()).doesNotContain("eventloop");
    if (BlockingExecutor.virtualThreadsAvailable()) {
      assertThat(app.loaderThread.get()).startsWith("VirtualThread");
    } else {
      assertThat(app.loaderThread.get()).contains("worker");
    }
    assertThat(b.open("/items/5").statusCode()).isEqualTo(404);
  }

  @Test
  void aMisspeltPathParameterNamesTheRoutesParameters() throws Exception {
    // A Datastar request gets the development message as text (the 500 page stays generic).
    HttpResponse<Buffer> resp = io.vertx.ext.web.client.WebClient.create(vertx).get(server.actualPort(), "localhost", "/typo/7")
      .putHeader("Datastar-Request", "true").send().await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(500);
    assertThat(resp.bodyAsString()).contains("Route /typo/:id has no path parameter 'itemId'; its parameters are id");
  }

  @Test
  void loaderRedirectIsA303() throws Exception {
    HttpResponse<Buffer> resp = browser().open("/guarded");
    assertThat(resp.statusCode()).isEqualTo(303);
    assertThat(resp.getHeader("Location")).isEqualTo("/board");
  }

  @Test
  void commandWithoutEffectsIs204AndPublishes() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "milk"));
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(app.items).containsExactly("milk");
    assertThat(b.command(HttpMethod.DELETE, "/items", new JsonObject()).statusCode()).isEqualTo(204);
    assertThat(app.items).isEmpty();
  }

  @Test
  void validationFailureIsA200SignalsPatchForDatastar() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/items", new JsonObject().put("title", " "));
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "Title is required")));
    assertThat(app.items).isEmpty();
  }

  @Test
  void plainFormPostIsPostRedirectGetAndFlashesErrors() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    HttpResponse<Buffer> ok = b.form("/items", "_csrf", b.csrf, "title", "eggs");
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.getHeader("Location")).as("back to the page the form was on").isEqualTo("/board");
    assertThat(app.items).containsExactly("eggs");

    HttpResponse<Buffer> bad = b.form("/items", "_csrf", b.csrf, "title", "x".repeat(30));
    assertThat(bad.statusCode()).isEqualTo(303);
    b.open(bad.getHeader("Location"));
    assertThat(b.document.getElementById("title-error").text()).isEqualTo("Title is too long");
    b.open("/board");
    assertThat(b.document.getElementById("title-error")).as("flash shows once").isNull();
  }

  @Test
  void commandsDoNotReceiveTheTopicToken() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    String signals = b.document.getElementById("hs-live").attr("data-signals");
    assertThat(signals).startsWith("{\"_hslive\"");
    assertThat(b.document.getElementById("hs-live").attr("data-init")).contains("include:/^_hslive\\./,exclude:/(?!)/");
  }

  @Test
  void anAppStreamOfOtherItemsSendsWhatItsFunctionMakesOfThem() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    TestBrowser.LiveStream clock = b.stream("/clock", "unused");
    // The consumer exists once the stream's request arrived: publish until a time shows.
    long timer = vertx.setPeriodic(20, id -> vertx.eventBus().publish("clock", "12:00"));
    try {
      assertThat(clock.await(t -> t.contains("<time id=\"clock\">12:00</time>"))).contains("event: datastar-patch-elements");
    } finally {
      vertx.cancelTimer(timer);
      clock.response.request().connection().close();
    }
  }

  @Test
  void formPostWithoutCsrfIsRefused() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    assertThat(b.form("/items", "title", "x").statusCode()).isEqualTo(403);
    assertThat(app.items).isEmpty();
  }

  @Test
  void replyTransportsFollowTheEffects() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    assertThat(b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "none")).statusCode()).isEqualTo(204);

    HttpResponse<Buffer> one = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "one"));
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(one.bodyAsString()).isEqualTo("{\"saved\":true}");

    HttpResponse<Buffer> many = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "many"));
    assertThat(many.getHeader("Content-Type")).isEqualTo("text/event-stream");
    assertThat(many.bodyAsString()).isEqualTo("event: datastar-patch-signals\ndata: signals {\"saved\":true}\n\n"
      + "event: datastar-patch-elements\ndata: elements <p id=\"x\">x</p>\n\n");

    HttpResponse<Buffer> region = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "region"));
    assertThat(region.getHeader("Content-Type")).startsWith("text/html");
    assertThat(region.bodyAsString()).isEqualTo("<p id=\"plain\">&lt;b&gt;hi&lt;/b&gt;</p>");

    HttpResponse<Buffer> streamOnly = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "stream-only"));
    assertThat(streamOnly.bodyAsString()).startsWith("event: datastar-patch-signals\nid: 7\n");

    HttpResponse<Buffer> redirect = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "redirect"));
    // Not an inline script, which the page's CSP would block: an element Datastar evaluates.
    assertThat(redirect.getHeader("Content-Type")).startsWith("text/html");
    assertThat(redirect.getHeader("datastar-selector")).isEqualTo("body");
    assertThat(redirect.getHeader("datastar-mode")).isEqualTo("append");
    assertThat(Jsoup.parseBodyFragment(redirect.bodyAsString()).selectFirst("div[data-init]").attr("data-init"))
      .isEqualTo("window.location.assign(\"/board\")");
  }

  @Test
  void toastAndCustomEffectsExpandToPatches() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    HttpResponse<Buffer> toast = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "toast"));
    assertThat(toast.getHeader("datastar-selector")).isEqualTo("#toast-container");
    assertThat(toast.getHeader("datastar-mode")).isEqualTo("append");
    assertThat(Jsoup.parseBodyFragment(toast.bodyAsString()).selectFirst(".hs-toast__message").text()).isEqualTo("Saved <ok>");

    HttpResponse<Buffer> flash = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "flash"));
    assertThat(flash.getHeader("datastar-selector")).isEqualTo("#flash");
    assertThat(flash.bodyAsString().strip()).isEqualTo("<div id=\"flash\">Flash!</div>");

    HttpResponse<Buffer> unknown = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "unknown"));
    assertThat(unknown.statusCode()).isEqualTo(500);
    assertThat(unknown.bodyAsString()).contains("Unknown effect 'nope'");
  }

  @Test
  void noJavaScriptCommandRedirectsToTheCommandsTarget() throws Exception {
    TestBrowser b = browser();
    b.open("/board");
    HttpResponse<Buffer> resp = b.form("/replies", "_csrf", b.csrf, "kind", "redirect");
    assertThat(resp.statusCode()).isEqualTo(303);
    assertThat(resp.getHeader("Location")).isEqualTo("/board");
  }

  @Test
  void errorsAreHtmlForBrowsersAndShortForDatastar() throws Exception {
    TestBrowser b = browser();
    HttpResponse<Buffer> missing = b.open("/nowhere");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).startsWith("text/html");
    assertThat(missing.bodyAsString()).contains("<!doctype html>");
    b.open("/board");
    HttpResponse<Buffer> method = b.command(HttpMethod.PUT, "/items", new JsonObject());
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.getHeader("Content-Type")).startsWith("text/plain");
    HttpResponse<Buffer> boom = b.command(HttpMethod.POST, "/replies", new JsonObject().put("kind", "fail"));
    assertThat(boom.statusCode()).isEqualTo(500);
  }

  @Test
  void anErrorPageKeepsTheVisitorsTheme() throws Exception {
    // It used to be built without the theme cookie: a dark-theme visitor got a light error page.
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(vertx);
    for (String path : java.util.List.of("/board", "/nowhere")) {
      HttpResponse<Buffer> resp = client.get(server.actualPort(), "localhost", path).putHeader("Cookie", dev.honostar.view.Theme.COOKIE_NAME + "=dark")
        .send().await(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(resp.statusCode()).isEqualTo(path.equals("/board") ? 200 : 404);
      assertThat(Jsoup.parse(resp.bodyAsString()).selectFirst("html").attr("data-theme")).as(path).isEqualTo("dark");
    }
  }
}
