package dev.honostar.security;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.honostar.security.HttpTestSupport.cookieValue;
import static dev.honostar.security.HttpTestSupport.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class CsrfHandlerTest {

  WebClient client;
  int port;
  String token;

  static Router router(Vertx vertx, SecurityOptions options, boolean production) {
    Router router = Router.router(vertx);
    router.route().handler(SecurityHandlers.bodyHandler(options));
    router.route().handler(CsrfHandler.create(new SecurityOptions(options).setSecureCookies(production)));
    router.get("/page").handler(ctx -> ctx.end(CsrfHandler.token(ctx)));
    router.route("/cmd").handler(ctx -> ctx.end("ok"));
    router.post("/form").handler(ctx -> ctx.end("ok " + ctx.request().getFormAttribute("name")));
    router.post("/webhooks/github").handler(ctx -> ctx.end("hook"));
    router.post("/webhooksx").handler(ctx -> ctx.end("not a hook"));
    return router;
  }

  @BeforeEach
  void start(Vertx vertx) {
    SecurityOptions options = Secure.options(s -> s.getCsrf().setExemptPaths(List.of("/webhooks")));
    port = HttpTestSupport.listen(vertx, router(vertx, options, false));
    client = WebClient.create(vertx);
    token = cookieValue(setCookie(client.get(port, "localhost", "/page").send().await(), "ds_csrf"));
  }

  HttpRequest<Buffer> post(String path) {
    return client.post(port, "localhost", path);
  }

  HttpRequest<Buffer> withToken(HttpRequest<Buffer> request) {
    return request.putHeader("Cookie", "ds_csrf=" + token).putHeader("X-CSRF-Token", token);
  }

  static void assertForbidden(HttpResponse<Buffer> response, String reason, String... secrets) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).contains(reason);
    for (String secret : secrets) {
      assertThat(response.bodyAsString()).doesNotContain(secret);
    }
  }

  @Test
  void getSetsAnHttpOnlyLaxCookieAndExposesTheSameToken() {
    HttpResponse<Buffer> page = client.get(port, "localhost", "/page").send().await();
    String cookie = setCookie(page, "ds_csrf");

    // Attribute names are case-insensitive; Netty writes "HTTPOnly".
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
    assertThat(page.bodyAsString()).isEqualTo(cookieValue(cookie)).hasSize(43);
  }

  @Test
  void getWithTheCookieKeepsTheToken() {
    HttpResponse<Buffer> page = client.get(port, "localhost", "/page").putHeader("Cookie", "ds_csrf=" + token).send().await();
    assertThat(setCookie(page, "ds_csrf")).isNull();
    assertThat(page.bodyAsString()).isEqualTo(token);
  }

  @Test
  void aForeignShapedCookieIsReplaced() {
    HttpResponse<Buffer> page = client.get(port, "localhost", "/page").putHeader("Cookie", "ds_csrf=attacker").send().await();
    assertThat(page.bodyAsString()).isNotEqualTo("attacker").hasSize(43);
    assertThat(cookieValue(setCookie(page, "ds_csrf"))).isEqualTo(page.bodyAsString());
  }

  @Test
  void postWithMatchingHeaderPasses() {
    HttpResponse<Buffer> r = withToken(post("/cmd")).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("ok");
  }

  @Test
  void putPatchDeleteAreCheckedToo() {
    for (var method : List.of(io.vertx.core.http.HttpMethod.PUT, io.vertx.core.http.HttpMethod.PATCH,
        io.vertx.core.http.HttpMethod.DELETE)) {
      HttpResponse<Buffer> bare = client.request(method, port, "localhost", "/cmd")
          .putHeader("Cookie", "ds_csrf=" + token).send().await();
      assertForbidden(bare, "missing CSRF token", token);
      HttpResponse<Buffer> ok = withToken(client.request(method, port, "localhost", "/cmd")).send().await();
      assertThat(ok.statusCode()).as("%s", method).isEqualTo(200);
    }
  }

  @Test
  void missingHeaderIsForbiddenWithoutLeakingTheToken() {
    HttpResponse<Buffer> r = post("/cmd").putHeader("Cookie", "ds_csrf=" + token).send().await();
    assertForbidden(r, "missing CSRF token", token);
  }

  @Test
  void missingCookieIsForbidden() {
    HttpResponse<Buffer> r = post("/cmd").putHeader("X-CSRF-Token", token).send().await();
    assertForbidden(r, "missing CSRF cookie", token);
  }

  @Test
  void mismatchedTokenIsForbiddenWithoutLeakingEither() {
    String other = "A".repeat(43);
    HttpResponse<Buffer> r = post("/cmd").putHeader("Cookie", "ds_csrf=" + token).putHeader("X-CSRF-Token", other)
        .send().await();
    assertForbidden(r, "CSRF token mismatch", token, other);
  }

  @Test
  void crossOriginIsForbiddenEvenWithAValidToken() {
    assertForbidden(withToken(post("/cmd")).putHeader("Origin", "http://evil.example").send().await(),
        "cross-origin request", token);
    assertForbidden(withToken(post("/cmd")).putHeader("Origin", "http://localhost:" + (port + 1)).send().await(),
        "cross-origin request");
    assertForbidden(withToken(post("/cmd")).putHeader("Origin", "null").send().await(), "cross-origin request");
    assertForbidden(withToken(post("/cmd")).putHeader("Origin", "https://localhost:" + port).send().await(),
        "cross-origin request");
  }

  @Test
  void sameOriginPasses() {
    HttpResponse<Buffer> r = withToken(post("/cmd")).putHeader("Origin", "http://LOCALHOST:" + port)
        .putHeader("Sec-Fetch-Site", "same-origin").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void secFetchSiteCrossSiteIsForbidden() {
    assertForbidden(withToken(post("/cmd")).putHeader("Sec-Fetch-Site", "cross-site").send().await(),
        "cross-site request", token);
  }

  @Test
  void datastarRequestsGetACompactBody() {
    HttpResponse<Buffer> r = post("/cmd").putHeader("Datastar-Request", "true").send().await();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsString()).isEqualTo("Forbidden: missing CSRF cookie");
  }

  @Test
  void formFieldWorksWithoutJavaScript() {
    HttpResponse<Buffer> ok = post("/form").putHeader("Cookie", "ds_csrf=" + token)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", token).add("name", "ada")).await();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsString()).isEqualTo("ok ada");

    HttpResponse<Buffer> bad = post("/form").putHeader("Cookie", "ds_csrf=" + token)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", "wrong").add("name", "ada")).await();
    assertForbidden(bad, "CSRF token mismatch", token);
  }

  @Test
  void multipartFormFieldWorksAndUploadsAreNotStored() {
    boolean existedBefore = Files.exists(Path.of("file-uploads"));
    HttpResponse<Buffer> ok = post("/form").putHeader("Cookie", "ds_csrf=" + token)
        .sendMultipartForm(MultipartForm.create().attribute("_csrf", token).attribute("name", "bob")
            .textFileUpload("file", "evil.txt", Buffer.buffer("payload"), "text/plain"))
        .await();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsString()).isEqualTo("ok bob");
    if (!existedBefore) {
      assertThat(Path.of("file-uploads")).doesNotExist();
    }
  }

  @Test
  void exemptPrefixPassesButOnlyOnPathBoundaries() {
    assertThat(post("/webhooks/github").send().await().bodyAsString()).isEqualTo("hook");
    assertForbidden(post("/webhooksx").send().await(), "missing CSRF cookie");
    // Dot segments are resolved before the check, as the router does.
    assertForbidden(post("/webhooks/../cmd").send().await(), "missing CSRF cookie");
  }

  @Test
  void manyRequestsInFlightWithOneTokenAllPass() {
    List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(withToken(post("/cmd")).send());
    }
    Future.all(inFlight).await();
    assertThat(inFlight).allSatisfy(f -> {
      assertThat(f.result().statusCode()).isEqualTo(200);
      assertThat(setCookie(f.result(), "ds_csrf")).isNull();
    });
    // And the token is still the same afterwards.
    assertThat(client.get(port, "localhost", "/page").putHeader("Cookie", "ds_csrf=" + token).send().await()
        .bodyAsString()).isEqualTo(token);
  }

  @Test
  void productionCookieIsSecure(Vertx vertx) {
    int prodPort = HttpTestSupport.listen(vertx, router(vertx, new SecurityOptions(), true));
    String cookie = setCookie(client.get(prodPort, "localhost", "/page").send().await(), "ds_csrf");
    assertThat(cookie).contains("Secure").containsIgnoringCase("HttpOnly");
  }

  @Test
  void forwardedHeadersCountOnlyWhenTrusted(Vertx vertx) {
    int trusting = HttpTestSupport.listen(vertx, router(vertx, new SecurityOptions().setTrustForwardedHeaders(true), false));
    HttpResponse<Buffer> page = client.get(trusting, "localhost", "/page").putHeader("X-Forwarded-Proto", "https").send().await();
    String t = page.bodyAsString();
    assertThat(setCookie(page, "ds_csrf")).contains("Secure");

    HttpResponse<Buffer> proxied = client.post(trusting, "localhost", "/cmd")
        .putHeader("Cookie", "ds_csrf=" + t).putHeader("X-CSRF-Token", t)
        .putHeader("X-Forwarded-Proto", "https").putHeader("X-Forwarded-Host", "app.example.com")
        .putHeader("Origin", "https://app.example.com").send().await();
    assertThat(proxied.statusCode()).isEqualTo(200);

    // The default server ignores the forged headers, so the same Origin is cross-origin there.
    HttpResponse<Buffer> forged = withToken(post("/cmd"))
        .putHeader("X-Forwarded-Proto", "https").putHeader("X-Forwarded-Host", "app.example.com")
        .putHeader("Origin", "https://app.example.com").send().await();
    assertForbidden(forged, "cross-origin request");
  }
}
