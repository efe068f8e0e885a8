package dev.honostar.security;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
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
    assertThat(o.getLimits().getMaxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(o.getToken().getMaxTopics()).isEqualTo(32);
    assertThat(o.getToken().getLifetimeSeconds()).isEqualTo(300);
    assertThat(o.getToken().isRequireSigningSecret()).isFalse();
    assertThat(o.getCsrf().getCookieName()).isEqualTo("ds_csrf");
    assertThat(o.getSessionCookie().getName()).isEqualTo("ds_session");
    assertThat(o.isTrustForwardedHeaders()).isFalse();
    assertThat(o.isSecureCookies()).isFalse();
    assertThat(o.isHsts()).isFalse();
  }

  @Test
  void jsonRoundTripKeepsEverySetting() {
    SecurityOptions o = Secure.options(s -> {
      s.getToken().setMaxTopics(7).setRequireSigningSecret(true);
      s.getCsrf().setExemptPaths(List.of("/webhooks/"));
      s.setTrustForwardedHeaders(true).setSecureCookies(true);
      s.getHeaders().setRuntimeOrigin("");
      s.getLimits().setCommandRatePerSecond(2.5);
    });
    JsonObject json = o.toJson();
    assertThat(new SecurityOptions(json).toJson()).isEqualTo(json);
    assertThat(new SecurityOptions(o).toJson()).isEqualTo(json);
    assertThat(json.getJsonObject("csrf").getJsonArray("exemptPaths")).containsExactly("/webhooks");
    assertThat(json.getJsonObject("token").getBoolean("requireSigningSecret")).isTrue();
    assertThat(new SecurityOptions(new JsonObject()).toJson()).isEqualTo(new SecurityOptions().toJson());
  }

  @Test
  void theFlatJsonKeysOfEarlierVersionsAreReadIntoTheirSections() {
    // A config file written for an earlier version keeps working, key for key.
    SecurityOptions o = new SecurityOptions(new JsonObject()
        .put("maxTopics", 7)
        .put("csrfCookieName", "c")
        .put("csrfExemptPaths", new JsonArray().add("/hooks"))
        .put("sessionTimeoutSeconds", 60)
        .put("cspReportOnly", true)
        .put("maxBodyBytes", 2048)
        .put("loginFreeAttempts", 9)
        .put("trustForwardedHeaders", true));
    assertThat(o.getToken().getMaxTopics()).isEqualTo(7);
    assertThat(o.getCsrf().getCookieName()).isEqualTo("c");
    assertThat(o.getCsrf().getExemptPaths()).containsExactly("/hooks");
    assertThat(o.getSessionCookie().getTimeoutSeconds()).isEqualTo(60);
    assertThat(o.getHeaders().isCspReportOnly()).isTrue();
    assertThat(o.getLimits().getMaxBodyBytes()).isEqualTo(2048);
    assertThat(o.getLogin().getFreeAttempts()).isEqualTo(9);
    assertThat(o.isTrustForwardedHeaders()).isTrue();
    // Written back in the sectioned form; an old key does not override the new one beside it.
    assertThat(o.toJson().containsKey("maxTopics")).isFalse();
    SecurityOptions both = new SecurityOptions(new JsonObject().put("maxTopics", 7)
        .put("token", new JsonObject().put("maxTopics", 11)));
    assertThat(both.getToken().getMaxTopics()).isEqualTo(11);
    assertThat(SecurityOptions.SCHEMA.movedJsonKeys()).containsEntry("security.maxTopics", "security.token.maxTopics")
        .containsEntry("security.loginFreeAttempts", "security.login.freeAttempts");
  }

  @Test
  void sectionVariablesOverrideSettings() {
    SecurityOptions o = new SecurityOptions().applyEnvironment(Map.of(
        "HONOSTAR_SECURITY_TOKEN_MAX_TOPICS", "64",
        "HONOSTAR_SECURITY_TOKEN_REQUIRE_SIGNING_SECRET", "true",
        "HONOSTAR_SECURITY_LIMITS_MAX_BODY_BYTES", "2048",
        "HONOSTAR_SECURITY_CSRF_EXEMPT_PATHS", "/webhooks, /hooks/",
        "HONOSTAR_SECURITY_SESSION_COOKIE_NAME", "sid",
        "HONOSTAR_SECURITY_TRUST_FORWARDED_HEADERS", "TRUE",
        "HONOSTAR_SECURITY_LIMITS_COMMAND_RATE_PER_SECOND", "0.5",
        "UNRELATED", "x"));
    assertThat(o.getToken().getMaxTopics()).isEqualTo(64);
    assertThat(o.getToken().isRequireSigningSecret()).isTrue();
    assertThat(o.getLimits().getMaxBodyBytes()).isEqualTo(2048);
    assertThat(o.getCsrf().getExemptPaths()).containsExactly("/webhooks", "/hooks");
    assertThat(o.getSessionCookie().getName()).isEqualTo("sid");
    assertThat(o.isTrustForwardedHeaders()).isTrue();
    assertThat(o.getLimits().getCommandRatePerSecond()).isEqualTo(0.5);
    assertThat(SecurityOptions.environmentVariables())
        .containsEntry("limits.maxStreamsPerAddress", "HONOSTAR_SECURITY_LIMITS_MAX_STREAMS_PER_ADDRESS")
        .doesNotContainKey("token.signingSecretEnv");
  }

  @Test
  void theVariableNamesOfEarlierVersionsStillWork() {
    SecurityOptions o = new SecurityOptions().applyEnvironment(Map.of(
        "HONOSTAR_MAX_TOPICS", "64",
        "HONOSTAR_MAX_BODY_BYTES", "2048",
        "HONOSTAR_CSRF_EXEMPT_PATHS", "/webhooks, /hooks/",
        "HONOSTAR_TRUST_FORWARDED_HEADERS", "TRUE",
        "HONOSTAR_COMMAND_RATE_PER_SECOND", "0.5"));
    assertThat(o.getToken().getMaxTopics()).isEqualTo(64);
    assertThat(o.getLimits().getMaxBodyBytes()).isEqualTo(2048);
    assertThat(o.getCsrf().getExemptPaths()).containsExactly("/webhooks", "/hooks");
    assertThat(o.isTrustForwardedHeaders()).isTrue();
    assertThat(o.getLimits().getCommandRatePerSecond()).isEqualTo(0.5);
  }

  @Test
  void environmentVariableNamesAreThoseInTheDocs() {
    // docs/configuration.md lists them (ConfigurationDocTest); HONOSTAR_SECURITY_<SECTION>_<KEY>.
    assertThat(SecurityOptions.environmentVariables().values()).containsExactly(
        "HONOSTAR_SECURITY_TRUST_FORWARDED_HEADERS", "HONOSTAR_SECURITY_SECURE_COOKIES", "HONOSTAR_SECURITY_HSTS",
        "HONOSTAR_SECURITY_TOKEN_MIN_SECRET_BYTES", "HONOSTAR_SECURITY_TOKEN_LIFETIME_SECONDS",
        "HONOSTAR_SECURITY_TOKEN_MAX_TOPICS", "HONOSTAR_SECURITY_TOKEN_MAX_LENGTH", "HONOSTAR_SECURITY_TOKEN_MAX_VIEW_BYTES",
        "HONOSTAR_SECURITY_TOKEN_REQUIRE_SIGNING_SECRET",
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
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_SECURITY_TOKEN_MAX_TOPICS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_TOPICS")
        .hasMessageContaining("token.maxTopics must be positive");
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_SECURITY_TOKEN_REQUIRE_SIGNING_SECRET", "yes")))
        .hasMessageContaining("HONOSTAR_SECURITY_TOKEN_REQUIRE_SIGNING_SECRET");
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_SECURITY_TOKEN_MAX_TOPIC", "3")))
        .hasMessageContaining("Unknown variable HONOSTAR_SECURITY_TOKEN_MAX_TOPIC");
  }

  @Test
  void appliesServerLimits() {
    HttpServerOptions server = new HttpServerOptions();
    SecurityOptions options = new SecurityOptions();
    options.getLimits().setMaxHeaderSize(1000).setMaxInitialLineLength(500);
    options.applyTo(server);
    assertThat(server.getMaxHeaderSize()).isEqualTo(1000);
    assertThat(server.getMaxInitialLineLength()).isEqualTo(500);
  }
}
