package dev.honostar.it;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue against a whole app: every case gets a clear error, nothing is
 * lost, and the server stays healthy afterwards (checked after each test).
 */
class BadInputCatalogueTest extends BoardFixture {

  private WebClient raw() {
    return WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("localhost")
      .setDefaultPort(server.actualPort()).setFollowRedirects(false));
  }

  @AfterEach
  void serverIsStillHealthy() throws Exception {
    TestBrowser b = testBrowser();
    assertThat(b.open("/board").statusCode()).isEqualTo(200);
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "still fine"));
    assertThat(app.items).contains("still fine");
  }

  private HttpResponse<Buffer> post(TestBrowser b, String path, String contentType, Buffer body) throws Exception {
    return raw().post(path).putHeader("Cookie", b.cookieHeader()).putHeader("X-CSRF-Token", b.csrf)
      .putHeader("Datastar-Request", "true").putHeader("Content-Type", contentType).sendBuffer(body).await(10, TimeUnit.SECONDS);
  }

  @Test
  void malformedSignalsAre400AndChangeNothing() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    HttpResponse<Buffer> resp = post(b, "/items", "application/json", Buffer.buffer("{\"title\": "));
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsString()).isEqualTo("Signals are not valid JSON");
    assertThat(post(b, "/items", "application/json", Buffer.buffer("[\"title\"]")).statusCode()).isEqualTo(400);
    assertThat(app.items).isEmpty();
  }

  @Test
  void oversizedSignalsAre413() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    String big = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertThat(post(b, "/items", "application/json", Buffer.buffer(big)).statusCode()).isEqualTo(413);
    assertThat(app.items).isEmpty();
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    assertThat(post(b, "/items", "application/xml", Buffer.buffer("<title>x</title>")).statusCode()).isEqualTo(415);
  }

  @Test
  void csrfMissingMismatchedAndCrossOriginAre403() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    String body = "{\"title\":\"x\"}";
    HttpResponse<Buffer> missing = raw().post("/items").putHeader("Cookie", b.cookieHeader()).putHeader("Datastar-Request", "true")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertThat(missing.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> mismatched = raw().post("/items").putHeader("Cookie", b.cookieHeader()).putHeader("X-CSRF-Token", "nope")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertThat(mismatched.statusCode()).isEqualTo(403);
    assertThat(mismatched.bodyAsString()).doesNotContain(b.csrf);
    HttpResponse<Buffer> crossOrigin = raw().post("/items").putHeader("Cookie", b.cookieHeader()).putHeader("X-CSRF-Token", b.csrf)
      .putHeader("Origin", "https://evil.example").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertThat(crossOrigin.statusCode()).isEqualTo(403);
    assertThat(app.items).isEmpty();
  }

  @Test
  void forgedExpiredAndCrossSessionTokensAre403() throws Exception {
    TestBrowser alice = testBrowser();
    TestBrowser eve = testBrowser();
    alice.open("/board");
    eve.open("/board");
    assertThat(eve.stream(alice.token).status).isEqualTo(403);
    assertThat(alice.stream(alice.token.replace('.', '-')).status).isEqualTo(403);
    assertThat(alice.stream("x".repeat(5000)).status).isEqualTo(403);
    // Replaying one's own token is how reconnects work: it is accepted until it expires.
    assertThat(alice.stream(alice.token).status).isEqualTo(200);
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
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    String evil = "a\n\nevent: datastar-patch-signals\ndata: signals {\"pwned\":true}\n\n";
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", evil.substring(0, 20)));
    String text = s.awaitContains("<li>a");
    assertThat(text).doesNotContain("event: datastar-patch-signals");
    for (String block : text.split("\n\n")) {
      if (!block.isBlank()) {
        assertThat(block).startsWith("event: datastar-patch-elements\n");
      }
    }
  }

  @Test
  void scriptInjectionThroughValuesIsEscapedEverywhere() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    TestBrowser.LiveStream s = b.stream();
    s.awaitContains("<ul id=\"items\"></ul>");
    String evil = "<script>x</script>";
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", evil));
    String text = s.awaitContains("&lt;script&gt;x&lt;/script&gt;");
    assertThat(text).doesNotContain("<script>x");
    b.open("/board");
    assertThat(b.document.select("#items script")).isEmpty();
    assertThat(b.document.select("#items li").text()).isEqualTo(evil);
    String head = testBrowser().open("/board?name=%22%3E%3Cimg%20src%3Dx%3E").bodyAsString();
    assertThat(Jsoup.parse(head).select("img")).isEmpty();
  }

  @Test
  void unknownRoutesAndMethodsAre404And405() throws Exception {
    assertThat(raw().get("/nope").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    TestBrowser b = testBrowser();
    b.open("/board");
    assertThat(b.command(HttpMethod.PATCH, "/items", new JsonObject()).statusCode()).isEqualTo(405);
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
    TestBrowser b = testBrowser();
    b.open("/board");
    HttpResponse<Buffer> form = raw().post("/items?a=%zz").putHeader("Cookie", b.cookieHeader())
      .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("title=x&_csrf=" + b.csrf))
      .await(10, TimeUnit.SECONDS);
    assertThat(form.statusCode()).isEqualTo(400);
  }

  // Issue #19: NUL reached PostgreSQL (a 500 showing the database error); invisible text passed @NotBlank.
  @Test
  void controlCharactersInSignalsAreAFieldErrorAndStoreNothing() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    for (String evil : new String[] {"a\u0000b", "\u0000", "a\u0001", "a\u001bb", "a\u0085b"}) {
      HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/items", new JsonObject().put("title", evil));
      assertThat(resp.statusCode()).as(evil).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject()).as(evil)
        .isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "must not contain control characters")));
    }
    assertThat(app.items).isEmpty();
    HttpResponse<Buffer> form = b.form("/items", "_csrf", b.csrf, "title", "a\u0000b");
    assertThat(form.statusCode()).as("a plain form goes back with the error").isEqualTo(303);
    assertThat(b.open("/board").bodyAsString()).doesNotContain("\u0000");
    assertThat(app.items).isEmpty();
    // Tabs and line breaks are text.
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "a\tb"));
    assertThat(app.items).containsExactly("a\tb");
    app.items.clear();
  }

  @Test
  void textMadeOnlyOfInvisibleCharactersIsBlank() throws Exception {
    TestBrowser b = testBrowser();
    b.open("/board");
    for (String blank : new String[] {"\u3000", "\u00a0", "\u200b", " \u200b\u3000\u00a0 ", "\ufeff", "\u2060\u3164", "\u2800"}) {
      HttpResponse<Buffer> resp = b.command(HttpMethod.POST, "/items", new JsonObject().put("title", blank));
      assertThat(resp.bodyAsJsonObject()).as("U+%04X...", (int) blank.charAt(0))
        .isEqualTo(new JsonObject().put("errors", new JsonObject().put("title", "Title is required")));
    }
    assertThat(app.items).isEmpty();
    b.command(HttpMethod.POST, "/items", new JsonObject().put("title", "\u3000x\u200b"));
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
