package dev.honostar.security;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class CspAndHeadersTest {

  static int serve(Vertx vertx, SecurityOptions options, boolean production) {
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeadersHandler.create(new SecurityOptions(options).setHsts(production)));
    router.route().handler(CspHandler.create(options));
    router.get("/").handler(ctx -> ctx.end(CspHandler.nonce(ctx)));
    return HttpTestSupport.listen(vertx, router);
  }

  static HttpResponse<Buffer> get(Vertx vertx, int port) {
    return WebClient.create(vertx).get(port, "localhost", "/").send().await();
  }

  @Test
  void everyRequestGetsItsOwnNonceInTheHeader(Vertx vertx) {
    int port = serve(vertx, new SecurityOptions(), false);
    HttpResponse<Buffer> a = get(vertx, port);
    HttpResponse<Buffer> b = get(vertx, port);

    String nonceA = a.bodyAsString();
    String nonceB = b.bodyAsString();
    assertThat(nonceA).isNotEqualTo(nonceB);
    assertThat(Base64.getDecoder().decode(nonceA)).hasSizeGreaterThanOrEqualTo(16);
    assertThat(a.getHeader("Content-Security-Policy")).contains("'nonce-" + nonceA + "'").doesNotContain("${");
    assertThat(b.getHeader("Content-Security-Policy")).contains("'nonce-" + nonceB + "'");
  }

  @Test
  void defaultPolicyAllowsOnlyThePinnedRuntimeFile(Vertx vertx) {
    String csp = get(vertx, serve(vertx, new SecurityOptions(), false)).getHeader("Content-Security-Policy");
    assertThat(csp).startsWith("default-src 'self'; script-src 'self' 'nonce-")
        .contains("'unsafe-eval' https://cdn.jsdelivr.net/gh/starfederation/datastar@v1.0.2/bundles/datastar.js; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'");
  }

  @Test
  void selfHostedRuntimeLeavesTheCdnOut(Vertx vertx) {
    String csp = get(vertx, serve(vertx, Secure.options(s -> s.getHeaders().setRuntimeOrigin("")), false))
        .getHeader("Content-Security-Policy");
    assertThat(csp).doesNotContain("cdn.jsdelivr.net").contains("'unsafe-eval'; style-src");
  }

  @Test
  void customTemplateIsSubstitutedEverywhere(Vertx vertx) {
    SecurityOptions options = Secure.options(s -> s.getHeaders()
        .setContentSecurityPolicy("script-src 'nonce-${nonce}' ${runtimeOrigin}; style-src 'nonce-${nonce}'")
        .setRuntimeOrigin("https://cdn.example")
        .setCspReportOnly(true));
    HttpResponse<Buffer> r = get(vertx, serve(vertx, options, false));
    String nonce = r.bodyAsString();
    assertThat(r.getHeader("Content-Security-Policy")).isNull();
    assertThat(r.getHeader("Content-Security-Policy-Report-Only"))
        .isEqualTo("script-src 'nonce-" + nonce + "' https://cdn.example; style-src 'nonce-" + nonce + "'");
  }

  @Test
  void templateWithLineBreaksIsRefused() {
    SecurityOptions options = Secure.options(s -> s.getHeaders().setContentSecurityPolicy("default-src 'self'\r\nX-Evil: 1"));
    assertThatThrownBy(() -> CspHandler.create(options)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void securityHeadersAreSetAndHstsOnlyInProduction(Vertx vertx) {
    HttpResponse<Buffer> dev = get(vertx, serve(vertx, new SecurityOptions(), false));
    assertThat(dev.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(dev.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    assertThat(dev.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
    assertThat(dev.getHeader("Strict-Transport-Security")).isNull();

    HttpResponse<Buffer> prod = get(vertx, serve(vertx, new SecurityOptions(), true));
    assertThat(prod.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    assertThat(prod.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
