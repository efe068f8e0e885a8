package dev.honostar.security;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.honostar.security.HttpTestSupport.cookieValue;
import static dev.honostar.security.HttpTestSupport.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SessionAndWiringTest {

  /** The documented order, on one route: vertx-web checks the handler kinds' order there. */
  static int app(Vertx vertx, SecurityOptions given, boolean production) {
    // what production resolves to for these handlers (HonoStarOptions.setProduction)
    SecurityOptions options = new SecurityOptions(given).setSecureCookies(production).setHsts(production);
    Router router = Router.router(vertx);
    router.route()
        .handler(SecurityHandlers.sessionHandler(vertx, options))
        .handler(SecurityHeadersHandler.create(options))
        .handler(CspHandler.create(options))
        .handler(SecurityHandlers.bodyHandler(options))
        .handler(CsrfHandler.create(options));
    // Sessions are made on demand: this page puts a value in, so it gets one.
    router.get("/").handler(ctx -> ctx.end(CsrfHandler.token(ctx) + " " + ctx.session().put("seen", true).id()));
    router.get("/read-only").handler(ctx -> ctx.end(String.valueOf((Object) ctx.session().get("seen"))));
    router.post("/form").handler(ctx -> ctx.end("hello " + ctx.request().getFormAttribute("name")
        + " " + ctx.session().id()));
    return HttpTestSupport.listen(vertx, router);
  }

  @Test
  void sessionCookieIsHttpOnlyLaxAndNotSecureInDevelopment(Vertx vertx) {
    int port = app(vertx, new SecurityOptions(), false);
    HttpResponse<Buffer> page = WebClient.create(vertx).get(port, "localhost", "/").send().await();
    String cookie = setCookie(page, "ds_session");
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/")
        .doesNotContain("Secure");
    assertThat(page.bodyAsString()).endsWith(" " + cookieValue(cookie));
  }

  @Test
  void aPageThatOnlyReadsTheSessionSetsNoSessionCookie(Vertx vertx) {
    int port = app(vertx, new SecurityOptions(), false);
    HttpResponse<Buffer> page = WebClient.create(vertx).get(port, "localhost", "/read-only").send().await();
    assertThat(page.bodyAsString()).isEqualTo("null");
    assertThat(setCookie(page, "ds_session")).isNull();
    assertThat(setCookie(page, "ds_csrf")).isNotNull();
  }

  @Test
  void sessionCookieIsSecureInProductionAndNameIsConfigurable(Vertx vertx) {
    int port = app(vertx, Secure.options(s -> s.getSessionCookie().setName("sid")), true);
    HttpResponse<Buffer> page = WebClient.create(vertx).get(port, "localhost", "/").send().await();
    assertThat(setCookie(page, "ds_session")).isNull();
    assertThat(setCookie(page, "sid")).contains("Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Lax");
    assertThat(page.getHeader("Strict-Transport-Security")).isNotNull();
  }

  @Test
  void aFormPostGoesThroughTheWholeChain(Vertx vertx) {
    int port = app(vertx, new SecurityOptions(), false);
    WebClient client = WebClient.create(vertx);
    HttpResponse<Buffer> page = client.get(port, "localhost", "/").send().await();
    String csrf = cookieValue(setCookie(page, "ds_csrf"));
    String session = cookieValue(setCookie(page, "ds_session"));
    assertThat(page.getHeader("Content-Security-Policy")).contains("'nonce-");

    HttpResponse<Buffer> posted = client.post(port, "localhost", "/form")
        .putHeader("Cookie", "ds_csrf=" + csrf + "; ds_session=" + session)
        .putHeader("Origin", "http://localhost:" + port)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", csrf).add("name", "ada")).await();
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.bodyAsString()).isEqualTo("hello ada " + session);

    HttpResponse<Buffer> forged = client.post(port, "localhost", "/form")
        .putHeader("Cookie", "ds_session=" + session)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("name", "mallory")).await();
    assertThat(forged.statusCode()).isEqualTo(403);
  }
}
