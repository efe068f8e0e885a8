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
    assertThat(json.getJsonArray("csrfExemptPaths")).containsExactly("/webhooks");
    assertThat(new SecurityOptions(new JsonObject()).toJson()).isEqualTo(new SecurityOptions().toJson());
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
    assertThat(SecurityOptions.environmentVariables()).containsEntry("maxStreamsPerAddress", "HONOSTAR_MAX_STREAMS_PER_ADDRESS")
        .doesNotContainKey("signingSecretEnv");
  }

  @Test
  void environmentVariableNamesAreThoseInTheDocs() {
    // docs/security.md lists exactly these; change both together.
    assertThat(SecurityOptions.environmentVariables().values()).containsExactly(
        "HONOSTAR_MIN_SECRET_BYTES", "HONOSTAR_TOKEN_LIFETIME_SECONDS", "HONOSTAR_MAX_TOPICS",
        "HONOSTAR_MAX_TOKEN_LENGTH", "HONOSTAR_MAX_VIEW_BYTES", "HONOSTAR_CSRF_COOKIE_NAME", "HONOSTAR_CSRF_EXEMPT_PATHS",
        "HONOSTAR_TRUST_FORWARDED_HEADERS", "HONOSTAR_RUNTIME_ORIGIN", "HONOSTAR_CONTENT_SECURITY_POLICY",
        "HONOSTAR_CSP_REPORT_ONLY", "HONOSTAR_STRICT_TRANSPORT_SECURITY", "HONOSTAR_MAX_BODY_BYTES",
        "HONOSTAR_MAX_HEADER_SIZE", "HONOSTAR_MAX_INITIAL_LINE_LENGTH", "HONOSTAR_MAX_STREAMS_PER_SESSION",
        "HONOSTAR_MAX_STREAMS_PER_ADDRESS", "HONOSTAR_COMMAND_RATE_PER_SECOND", "HONOSTAR_COMMAND_BURST",
        "HONOSTAR_SESSION_COOKIE_NAME", "HONOSTAR_SESSION_TIMEOUT_SECONDS");
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_MAX_TOPICS", "lots")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HONOSTAR_MAX_TOPICS");
    assertThatThrownBy(() -> new SecurityOptions().applyEnvironment(Map.of("HONOSTAR_MAX_TOPICS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTopics must be positive");
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
