package dev.honostar.test;

import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.SseCompression;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.SseStream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session sends besides pages and actions: one raw request, and recorded streams with headers of the test's choosing. */
class BrowserRequestsTest {

  private static Future<Router> app(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.post("/login").handler(ctx -> ctx.response().setStatusCode(303).putHeader("Location", "/home")
      .putHeader("Set-Cookie", "sid=s1; Path=/; HttpOnly")
      .end("cookie " + ctx.request().getHeader("Cookie") + ", body " + ctx.body().asString()));
    r.get("/events").handler(ctx -> {
      SseStream sse = SseStream.create(ctx, new SseOptions().setCompression(new SseCompression()));
      sse.write(PatchElements.of("<p id=\"one\">" + ctx.request().getHeader("Last-Event-ID") + "</p>"))
        .compose(v -> sse.write(PatchElements.of("<p id=\"two\">" + ctx.request().getHeader("Cookie") + "</p>")));
    });
    return Future.succeededFuture(r);
  }

  @Test
  void aRequestIsAnsweredAsReceivedWithTheSessionsCookies() throws Exception {
    HonoStarTest.run(BrowserRequestsTest::app, (app, browser) -> {
      browser.cookie("theme", "dark");
      Response r = browser.request("POST", "/login",
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-www-form-urlencoded"), Buffer.buffer("user=ann"));
      assertThat(r.status()).as("the redirect is not followed").isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/home");
      assertThat(r.header("Set-Cookie")).startsWith("sid=s1");
      assertThat(r.body()).isEqualTo("cookie theme=dark, body user=ann");
      assertThat(browser.cookie("sid")).as("the reply's cookie is stored").isEqualTo("s1");

      Response own = browser.request("POST", "/login", MultiMap.caseInsensitiveMultiMap().add("Cookie", "theme=light"), null);
      assertThat(own.body()).as("a Cookie header replaces the jar's").startsWith("cookie theme=light,");
    });
  }

  @Test
  void aRecordedStreamTakesExtraHeadersAndIsDecodedAsItArrives() throws Exception {
    HonoStarTest.run(BrowserRequestsTest::app, (app, browser) -> {
      browser.cookie("theme", "dark");
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", "42").add("Accept-Encoding", "gzip");
      try (SseRecorder rec = browser.record("/events", headers)) {
        assertThat(rec.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(rec.awaitEvents(2)).extracting(e -> e.datastar("elements"))
          .containsExactly("<p id=\"one\">42</p>", "<p id=\"two\">theme=dark</p>");
      }
    });
  }
}
