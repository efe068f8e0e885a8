package dev.honostar.security;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityOptionsTest {

  @Test
  void defaultsMatchTheDocumentation() {
    SecurityOptions o = new SecurityOptions();
    assertThat(o.getMaxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(o.getMaxTopics()).isEqualTo(32);
    assertThat(o.getTokenLifetimeSeconds()).isEqualTo(300);
    assertThat(o.getCsrfCookieName()).isEqualTo("ds_csrf");
    assertThat(o.getSessionCookieName()).isEqualTo("ds_session");
    assertThat(o.isTrustForwardedHeaders()).isFalse();
  }

  @Test
  void jsonRoundTripKeepsEverySetting() {
    SecurityOptions o = new SecurityOptions().setMaxTopics(7).setCsrfExemptPaths(List.of("/webhooks/"))
        .setTrustForwardedHeaders(true).setRuntimeOrigin("").setCommandRatePerSecond(2.5);
    JsonObject json = o.toJson();
    assertThat(new SecurityOptions(json).toJson()).isEqualTo(json);
    assertThat(json.getJsonObject("csrf").getJsonArray("exemptPaths")).containsExactly("/webhooks");
    assertThat(new SecurityOptions(new JsonObject()).toJson()).isEqualTo(new SecurityOptions().toJson());
  }

  @Test
  void theFlatJsonKeysOfEarlierVersionsAreReadIntoTheirSections() {
    SecurityOptions o = new SecurityOptions(new JsonObject().put("maxTopics", 7).put("csrfCookieName", "c")
        .put("sessionTimeoutSeconds", 60).put("trustForwardedHeaders", true));
    assertThat(o.getToken().getMaxTopics()).isEqualTo(7);
    assertThat(o.getCsrf().getCookieName()).isEqualTo("c");
    assertThat(o.getSessionCookie().getTimeoutSeconds()).isEqualTo(60);
    assertThat(o.isTrustForwardedHeaders()).isTrue();
  }

  @Test
  void environmentOverridesSettings() {
    SecurityOptions o = new SecurityOptions().applyEnvironment(Map.of(
        "HONOSTAR_MAX_TOPICS", "64",
        "HONOSTAR_MAX_BODY_BYTES", "2048",
        "HONOSTAR_CSRF_EXEMPT_PATHS", "/webhooks, /hooks/",
        "HONOSTAR_TRUST_FORWARDED_HEADERS", "TRUE",
        "HONOSTAR_COMMAND_RATE_PER_SECOND", "0.5",
        "UNRELATED", "x"));
    assertThat(o.getMaxTopics()).isEqualTo(64);
    assertThat(o.getMaxBodyBytes()).isEqualTo(2048);
    assertThat(o.getCsrfExemptPaths()).containsExactly("/webhooks", "/hooks");
    assertThat(o.isTrustForwardedHeaders()).isTrue();
    assertThat(o.getCommandRatePerSecond()).isEqualTo(0.5);
    assertThat(SecurityOptions.environmentVariables())
        .containsEntry("limits.maxStreamsPerAddress", "HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_ADDRESS")
        .doesNotContainKey("token.signingSecretEnv");
  }

  @Test
  void environmentVariableNamesAreThoseInTheDocs() {
    // docs/configuration.md lists them (ConfigurationDocTest); HONOSTAR_SECURITY_<SECTION>_<KEY>.
    assertThat(SecurityOptions.environmentVariables().values()).containsExactly(
        "HONOSTAR_SECURITY_TRUST_FORWARDED_HEADERS", "HONOSTAR_SECURITY_SECURE_COOKIES", "HONOSTAR_SECURITY_HSTS",
        "HONOSTAR_SECURITY_TOKEN_MIN_SECRET_BYTES", "HONOSTAR_SECURITY_TOKEN_LIFETIME_SECONDS",
        "HONOSTAR_SECURITY_TOKEN_MAX_TOPICS", "HONOSTAR_SECURITY_TOKEN_MAX_LENGTH", "HONOSTAR_SECURITY_TOKEN_MAX_VIEW_BYTES",
        "HONOSTAR_SECURITY_CSRF_COOKIE_NAME", "HONOSTAR_SECURITY_CSRF_EXEMPT_PATHS",
        "HONOSTAR_SECURITY_HEADERS_RUNTIME_ORIGIN", "HONOSTAR_SECURITY_HEADERS_CONTENT_SECURITY_POLICY",
        "HONOSTAR_SECURITY_HEADERS_CSP_REPORT_ONLY", "HONOSTAR_SECURITY_HEADERS_STRICT_TRANSPORT_SECURITY",
        "HONOSTAR_SECURITY_SESSION_COOKIE_NAME", "HONOSTAR_SECURITY_SESSION_COOKIE_TIMEOUT_SECONDS",
        "HONOSTAR_SECURITY_LIMITS_MAX_BODY_BYTES", "HONOSTAR_SECURITY_LIMITS_MAX_HEADER_SIZE",
        "HONOSTAR_SECURITY_LIMITS_MAX_INITIAL_LINE_LENGTH", "HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_SESSION",
        "HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_ADDRESS", "HONOSTAR_SECURITY_LIMITS_COMMAND_RATE_PER_SECOND",
        "HONOSTAR_SECURITY_LIMITS_COMMAND_BURST", "HONOSTAR_SECURITY_LIMITS_HTTP2_CLEAR_TEXT",
        "HONOSTAR_SECURITY_LIMITS_IDLE_TIMEOUT_SECONDS", "HONOSTAR_SECURITY_LOGIN_FREE_ATTEMPTS",
        "HONOSTAR_SECURITY_LOGIN_FREE_ATTEMPTS_PER_ADDRESS", "HONOSTAR_SECURITY_LOGIN_MAX_DELAY_SECONDS",
        "HONOSTAR_SECURITY_LOGIN_WINDOW_SECONDS", "HONOSTAR_SECURITY_LOGIN_PASSWORD_HASH_THREADS",
        "HONOSTAR_SECURITY_LOGIN_PASSWORD_HASH_QUEUE");
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_MAX_TOPICS", "lots")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HONOSTAR_MAX_TOPICS");
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_MAX_TOPICS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token.maxTopics must be positive");
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_CSP_REPORT_ONLY", "yes")))
        .hasMessageContaining("HONOSTAR_CSP_REPORT_ONLY");
  }

  @Test
  void productionIsDetectedFromHonostarEnv() {
    assertThat(SecurityOptions.isProduction(Map.of("HONOSTAR_ENV", "production"))).isTrue();
    assertThat(SecurityOptions.isProduction(Map.of("HONOSTAR_ENV", "dev"))).isFalse();
    assertThat(SecurityOptions.isProduction(Map.of())).isFalse();
  }

  @Test
  void appliesServerLimits() {
    HttpServerOptions server = new HttpServerOptions();
    new SecurityOptions().setMaxHeaderSize(1000).setMaxInitialLineLength(500).applyTo(server);
    assertThat(server.getMaxHeaderSize()).isEqualTo(1000);
    assertThat(server.getMaxInitialLineLength()).isEqualTo(500);
  }
}
