package dev.honostar.it;

import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue against a whole app: every case gets a clear error, nothing is
 * lost, and the server stays healthy afterwards (checked after each test).
 */
class BadInputCatalogueTest extends BoardFixture {

  /**
   * Requests no browser (and so no test kit page) sends: malformed targets, oversized lines and
   * headers. A client of their own, without a session.
   */
  private WebClient raw() {
    return WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("localhost")
      .setDefaultPort(server.actualPort()).setFollowRedirects(false));
  }

  @AfterEach
  void serverIsStillHealthy() throws Exception {
    Tab page = browser().open("/board");
    assertThat(page.status()).isEqualTo(200);
    command(page, HttpMethod.POST, "/items", new JsonObject().put("title", "still fine"));
    assertThat(app.items).contains("still fine");
  }

  /** A Datastar request from the page's session with a body no page would send. */
  private static Response post(Browser b, Tab page, String path, String contentType, Buffer body) {
    return b.request("POST", path, MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf(page)).add("Datastar-Request", "true")
      .add("Content-Type", contentType), body);
  }

  @Test
  void malformedSignalsAre400AndChangeNothing() throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    Response resp = post(b, page, "/items", "application/json", Buffer.buffer("{\"title\": "));
    assertThat(resp.status()).isEqualTo(400);
    assertThat(resp.body()).isEqualTo("Signals are not valid JSON");
    assertThat(post(b, page, "/items", "application/json", Buffer.buffer("[\"title\"]")).status()).isEqualTo(400);
    assertThat(app.items).isEmpty();
  }

  @Test
  void oversizedSignalsAre413() throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    String big = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertThat(post(b, page, "/items", "application/json", Buffer.buffer(big)).status()).isEqualTo(413);
    assertThat(app.items).isEmpty();
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    assertThat(post(b, page, "/items", "application/xml", Buffer.buffer("<title>x</title>")).status()).isEqualTo(415);
  }

  @Test
  void csrfMissingMismatchedAndCrossOriginAre403() throws Exception {
    Browser b = browser();
    Tab page = b.open("/board");
    Buffer body = Buffer.buffer("{\"title\":\"x\"}");
    Response missing = b.request("POST", "/items", MultiMap.caseInsensitiveMultiMap().add("Datastar-Request", "true")
      .add("Content-Type", "application/json"), body);
    assertThat(missing.status()).isEqualTo(403);
    Response mismatched = b.request("POST", "/items", MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", "nope")
      .add("Content-Type", "application/json"), body);
    assertThat(mismatched.status()).isEqualTo(403);
    assertThat(mismatched.body()).doesNotContain(csrf(page));
    Response crossOrigin = b.request("POST", "/items", MultiMap.caseInsensitiveMultiMap().add("X-CSRF-Token", csrf(page))
      .add("Origin", "https://evil.example").add("Content-Type", "application/json"), body);
    assertThat(crossOrigin.status()).isEqualTo(403);
    assertThat(app.items).isEmpty();
  }

  @Test
  void forgedExpiredAndCrossSessionTokensAre403() throws Exception {
    Tab alice = browser().open("/board");
    Tab eve = browser().open("/board");
    String token = token(alice);
    assertThat(eve.setSignal("_hslive.t", token).tryConnect()).isEqualTo(403);
    assertThat(alice.setSignal("_hslive.t", token.replace('.', '-')).tryConnect()).isEqualTo(403);
    assertThat(alice.setSignal("_hslive.t", "x".repeat(5000)).tryConnect()).isEqualTo(403);
    // Replaying one's own token is how reconnects work: it is accepted until it expires.
    assertThat(alice.setSignal("_hslive.t", token).tryConnect()).isEqualTo(200);
  }

  @Test
  void assetPathsNeverEscapeTheirRoot() throws Exception {
    for (String path : new String[] {"/_/assets/../../../../etc/passwd", "/_/assets/%2e%2e/%2e%2e/etc/passwd",
      "/_/assets/honostar/..%2f..%2fpom.xml", "/_/assets/..\\..\\pom.xml", "/_/assets//etc/passwd"}) {
      HttpResponse<Buffer> resp = raw().get(path).send().await(10, TimeUnit.SECONDS);
      assertThat(resp.statusCode()).as(path).isIn(400, 404);
      assertThat(resp.bodyAsString() == null ? "" : resp.bodyAsString()).doesNotContain("root:").doesNotContain("<project");
    }
  }

  @Test
  void lineBreaksInValuesCannotForgeStreamEvents() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    String evil = "a\n\nevent: datastar-patch-signals\ndata: signals {\"pwned\":true}\n\n";
    command(s, HttpMethod.POST, "/items", new JsonObject().put("title", evil.substring(0, 20)));
    String text = awaitReceivedText(s, "<li>a");
    assertThat(text).doesNotContain("event: datastar-patch-signals");
    for (String block : text.split("\n\n")) {
      if (!block.isBlank()) {
        assertThat(block).startsWith("event: datastar-patch-elements\n");
      }
    }
  }

  @Test
  void scriptInjectionThroughValuesIsEscapedEverywhere() throws Exception {
    Tab s = browser().open("/board").connect();
    awaitReceived(s, "<ul id=\"items\"></ul>");
    String evil = "<script>x</script>";
    command(s, HttpMethod.POST, "/items", new JsonObject().put("title", evil));
    String text = awaitReceivedText(s, "&lt;script&gt;x&lt;/script&gt;");
    assertThat(text).doesNotContain("<script>x");
    Document page = s.navigate("/board").document();
    assertThat(page.select("#items script")).isEmpty();
    assertThat(page.select("#items li").text()).isEqualTo(evil);
    String head = browser().open("/board?name=%22%3E%3Cimg%20src%3Dx%3E").response().body();
    assertThat(Jsoup.parse(head).select("img")).isEmpty();
  }

  @Test
  void unknownRoutesAndMethodsAre404And405() throws Exception {
    assertThat(raw().get("/nope").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    Tab page = browser().open("/board");
    assertThat(command(page, HttpMethod.PATCH, "/items", new JsonObject()).status()).isEqualTo(405);
  }

  @Test
  void veryLongUrlsAndHeadersAreRefusedByTheServer() throws Exception {
    assertThat(raw().get("/board?q=" + "x".repeat(10_000)).send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(414);
    assertThat(raw().get("/board").putHeader("X-Big", "y".repeat(10_000)).send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(431);
  }

  // Found by RouterFuzzProperties: each was a 500 (or a hang) before.
  @Test
  void malformedPercentEscapesAre400NotA500OrAHang() throws Exception {
    assertThat(raw().get("/%c/board").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
    assertThat(raw().get("/board/%%").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
    Browser b = browser();
    Tab page = b.open("/board");
    // Raw: the kit, like a browser, would not send a target with a broken escape.
    HttpResponse<Buffer> form = raw().post("/items?a=%zz").putHeader("Cookie", cookieHeader(b))
      .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("title=x&_csrf=" + csrf(page)))
      .await(10, TimeUnit.SECONDS);
    assertThat(form.statusCode()).isEqualTo(400);
  }

  // Issue #19: NUL reached PostgreSQL (a 500 showing the database error); invisible text passed @NotBlank.
  @Test
  void controlCharactersInSignalsAreAFieldErrorAndStoreNothing() throws Exception {
    Browser browser = browser();
    Tab b = browser.open("/board");
    for (String evil : new String[] {"a\u0000b", "\u0000", "a\u0001", "a\u001bb", "a\u0085b"}) {
      Response resp = command(b, HttpMethod.POST, "/items", new JsonObject().put("title", evil));
      assertThat(resp.status()).as(evil).isEqualTo(200);
      assertThat(new JsonObject(resp.body())).as(evil)
        .isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "must not contain control characters")));
    }
    assertThat(app.items).isEmpty();
    Response form = form(browser, b, "/items", "_csrf", csrf(b), "title", "a\u0000b");
    assertThat(form.status()).as("a plain form goes back with the error").isEqualTo(303);
    assertThat(browser.open("/board").response().body()).doesNotContain("\u0000");
    assertThat(app.items).isEmpty();
    // Tabs and line breaks are text.
    command(b, HttpMethod.POST, "/items", new JsonObject().put("title", "a\tb"));
    assertThat(app.items).containsExactly("a\tb");
    app.items.clear();
  }

  @Test
  void textMadeOnlyOfInvisibleCharactersIsBlank() throws Exception {
    Tab b = browser().open("/board");
    for (String blank : new String[] {"\u3000", "\u00a0", "\u200b", " \u200b\u3000\u00a0 ", "\ufeff", "\u2060\u3164", "\u2800"}) {
      Response resp = command(b, HttpMethod.POST, "/items", new JsonObject().put("title", blank));
      assertThat(new JsonObject(resp.body())).as("U+%04X...", (int) blank.charAt(0))
        .isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "Title is required")));
    }
    assertThat(app.items).isEmpty();
    command(b, HttpMethod.POST, "/items", new JsonObject().put("title", "\u3000x\u200b"));
    assertThat(app.items).as("visible text among them is kept as typed").containsExactly("\u3000x\u200b");
    app.items.clear();
  }

  @Test
  void controlCharactersInAQueryParameterAre400NamingIt() throws Exception {
    for (String query : new String[] {"name=a%00b", "name=%01", "name=x%1B"}) {
      HttpResponse<Buffer> resp = raw().get("/board?" + query).send().await(10, TimeUnit.SECONDS);
      assertThat(resp.statusCode()).as(query).isEqualTo(400);
      assertThat(resp.bodyAsString()).as(query).contains("name").contains("control characters").doesNotContain("\u0000");
    }
    assertThat(raw().get("/board?name=a%09b").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void controlCharactersInAPathParameterAre400NamingIt() throws Exception {
    HttpResponse<Buffer> resp = raw().get("/items/1%00").send().await(10, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsString()).contains("index").contains("control characters");
  }

  @Test
  void aGetClaimingAFormBodyIsServedNormally() throws Exception {
    HttpResponse<Buffer> resp = raw().request(HttpMethod.GET, "/board").putHeader("Content-Type", "application/x-www-form-urlencoded")
      .sendBuffer(Buffer.buffer("a=b")).await(10, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(200);
  }
}
