package dev.honostar.config;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.live.LiveOptions;
import dev.honostar.outside.FeedOptions;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SessionStoreOptions;
import dev.honostar.view.ViewOptions;
import examples.ReportOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one set of rules every options class reads the environment by (docs/configuration.md). */
class OptionsEnvironmentTest {

  static HonoStarOptions load(Map<String, String> env) {
    return HonoStarOptions.load(new JsonObject(), env);
  }

  @Test
  void booleansAreOnlyTrueOrFalseInEverySection() {
    // Before: "yes" read as false in ViewOptions and HonoStarOptions, and threw in LiveOptions.
    for (String name : new String[] {"HONOSTAR_VIEW_DEV", "HONOSTAR_DEV", "HONOSTAR_VIRTUAL_THREADS", "HONOSTAR_STRICT_THREAD_MODE",
        "HONOSTAR_LIVE_COMPRESSION_ENABLED", "HONOSTAR_LIVE_COMPRESSION", "HONOSTAR_SECURITY_HEADERS_CSP_REPORT_ONLY",
        "HONOSTAR_SECURITY_SECURE_COOKIES"}) {
      assertThatThrownBy(() -> load(Map.of(name, "yes"))).as(name)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name).hasMessageContaining("'yes'")
        .hasMessageContaining("boolean");
    }
    assertThat(load(Map.of("HONOSTAR_VIEW_DEV", "FALSE")).getView().isDev()).isFalse();
    assertThat(load(Map.of("HONOSTAR_VIRTUAL_THREADS", "false")).isVirtualThreads()).isFalse();
    assertThat(load(Map.of("HONOSTAR_VIEW_DEV", " ")).getView().isDev()).as("blank is unset").isTrue();
  }

  @Test
  void anUnknownVariableOfAKnownSectionFailsWithItsName() {
    assertThatThrownBy(() -> load(Map.of("HONOSTAR_LIVE_HEARTBEAT_MSEC", "100")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HONOSTAR_LIVE_HEARTBEAT_MSEC")
      .hasMessageContaining("HONOSTAR_LIVE_HEARTBEAT_MS");
    assertThatThrownBy(() -> load(Map.of("HONOSTAR_SECURITY_TOKEN_MAX_TOPIC", "3")))
      .hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_TOPIC");
    assertThatThrownBy(() -> new LiveOptions().applyEnvironment(Map.of("HONOSTAR_LIVE_COMPRESSION_LEVL", "3")))
      .hasMessageContaining("HONOSTAR_LIVE_COMPRESSION_LEVL");
    assertThatThrownBy(() -> new FeedOptions().applyEnvironment(Map.of("ORDERS_FEED_BUFER", "3"), "ORDERS_FEED"))
      .hasMessageContaining("ORDERS_FEED_BUFER");
    // Outside every section's prefix: the app's own variables, secrets, other programs'.
    HonoStarOptions options = load(Map.of("HONOSTAR_DATA_DIR", "/data", "HONOSTAR_SIGNING_SECRET", "s", "HONOSTAR_ROLE", "app",
      "HONOSTAR_HZ_HOST", "10.0.0.1", "PATH", "/bin"));
    assertThat(options.getEnvironment()).containsEntry("HONOSTAR_SIGNING_SECRET", "s");
  }

  @Test
  void oldNamesStillWorkAndNameTheirReplacement() {
    Map<String, String> env = Map.of("HONOSTAR_DATASTAR_JS", "/opt/datastar.js", "HONOSTAR_LIVE_HEARTBEAT_MILLIS", "7000",
      "HONOSTAR_MAX_TOPICS", "9", "HONOSTAR_BUS", "redis", "HONOSTAR_REDIS_URL", "redis://r:6379",
      "HONOSTAR_SESSION_STORE", "local", "HONOSTAR_OTEL_ENDPOINT", "http://c:4318", "HONOSTAR_TRUST_FORWARDED_HEADERS", "true");
    HonoStarOptions options = load(env);
    assertThat(options.getView().getDatastarFile()).isEqualTo("/opt/datastar.js");
    assertThat(options.getLive().getHeartbeatMillis()).isEqualTo(7000);
    assertThat(options.getSecurity().getToken().getMaxTopics()).isEqualTo(9);
    assertThat(options.getSecurity().isTrustForwardedHeaders()).isTrue();
    assertThat(options.getBus().getKind()).isEqualTo(BusKind.REDIS);
    assertThat(options.getBus().getRedisUrl()).isEqualTo("redis://r:6379");
    assertThat(options.getSessionStore().getKind()).isEqualTo(SessionStoreOptions.Kind.LOCAL);
    assertThat(options.getObservability().getOtlpEndpoint()).isEqualTo("http://c:4318");
    assertThat(HonoStarOptions.SCHEMA.deprecatedVariables(env))
      .containsEntry("HONOSTAR_DATASTAR_JS", "HONOSTAR_VIEW_DATASTAR_FILE")
      .containsEntry("HONOSTAR_LIVE_HEARTBEAT_MILLIS", "HONOSTAR_LIVE_HEARTBEAT_MS")
      .containsEntry("HONOSTAR_MAX_TOPICS", "HONOSTAR_SECURITY_TOKEN_MAX_TOPICS")
      .containsEntry("HONOSTAR_BUS", "HONOSTAR_BUS_KIND")
      .hasSize(env.size());

    // The new name wins over the old one.
    assertThat(new ViewOptions().applyEnvironment(Map.of("HONOSTAR_DATASTAR_JS", "/old.js", "HONOSTAR_VIEW_DATASTAR_FILE", "/new.js"))
      .getDatastarFile()).isEqualTo("/new.js");
    // Conventional variables of other tools are fallbacks, not deprecated.
    assertThat(new dev.honostar.bus.BusOptions().applyEnvironment(Map.of("REDIS_URL", "redis://x:6379")).getRedisUrl())
      .isEqualTo("redis://x:6379");
    assertThat(dev.honostar.bus.BusOptions.SCHEMA.deprecatedVariables(Map.of("REDIS_URL", "redis://x:6379"))).isEmpty();
  }

  @Test
  void unitsAreInTheNameAndNumbersAreWholeNumbersInThem() {
    HonoStarOptions options = load(Map.of("HONOSTAR_LIVE_HEARTBEAT_MS", "10000", "HONOSTAR_LIVE_MAX_PENDING_BYTES", "65536",
      "HONOSTAR_SECURITY_SESSION_COOKIE_TIMEOUT_SECONDS", "60", "HONOSTAR_BUS_RECONNECT_BACKOFF_MIN_MS", "50",
      "HONOSTAR_SECURITY_LIMITS_MAX_BODY_BYTES", "2048"));
    assertThat(options.getLive().getHeartbeatMillis()).isEqualTo(10_000);
    assertThat(options.getLive().getMaxPendingBytes()).as("a variable it did not have").isEqualTo(65_536);
    assertThat(options.getSecurity().getSessionCookie().getTimeoutSeconds()).isEqualTo(60);
    assertThat(options.getBus().getReconnectBackoffMin()).isEqualTo(50);
    assertThat(options.getSecurity().getLimits().getMaxBodyBytes()).isEqualTo(2048);

    assertThatThrownBy(() -> load(Map.of("HONOSTAR_LIVE_HEARTBEAT_MS", "10s")))
      .hasMessageContaining("HONOSTAR_LIVE_HEARTBEAT_MS").hasMessageContaining("'10s'").hasMessageContaining("ms");
    assertThatThrownBy(() -> load(Map.of("HONOSTAR_BUS_KIND", "kafka"))).hasMessageContaining("HONOSTAR_BUS_KIND");
    // A value the setter refuses names the variable too.
    assertThatThrownBy(() -> load(Map.of("HONOSTAR_SECURITY_TOKEN_MAX_TOPICS", "0")))
      .hasMessageContaining("HONOSTAR_SECURITY_TOKEN_MAX_TOPICS").hasMessageContaining("must be positive");
  }

  @Test
  void productionIsDecidedOnceAndResolvesTheSettingsHandlersRead() {
    HonoStarOptions production = load(Map.of("HONOSTAR_ENV", "production"));
    assertThat(production.getView().isDev()).isFalse();
    assertThat(production.getView().isShowErrorDetails()).isFalse();
    assertThat(production.getSecurity().isSecureCookies()).isTrue();
    assertThat(production.getSecurity().isHsts()).isTrue();
    assertThat(production.getSecurity().getToken().isRequireSigningSecret()).isTrue();
    assertThat(production.getLive().isWarnUnqueriedTopics()).isFalse();
    assertThat(production.getObservability().isLogRoutes()).isFalse();
    HonoStarOptions development = load(Map.of());
    assertThat(development.getView().isDev()).isTrue();
    assertThat(development.getView().isShowErrorDetails()).isTrue();
    assertThat(development.getSecurity().isSecureCookies()).isFalse();
    assertThat(development.getSecurity().isHsts()).isFalse();
    assertThat(development.getSecurity().getToken().isRequireSigningSecret()).isFalse();
    assertThat(development.getLive().isWarnUnqueriedTopics()).isTrue();
    assertThat(development.getObservability().isLogRoutes()).isTrue();
    // In code: an explicit setting after deciding stays, also when production is decided again.
    HonoStarOptions code = new HonoStarOptions().setProduction(true);
    code.getSecurity().setSecureCookies(false);
    code.setProduction(true);
    assertThat(code.getSecurity().isSecureCookies()).isFalse();
    assertThat(code.setProduction(false).getView().isShowErrorDetails()).isTrue();
    // JSON explicit, production from the environment (applied later): the explicit setting still wins.
    HonoStarOptions mixed = HonoStarOptions.load(new JsonObject().put("security", new JsonObject().put("secureCookies", false))
      .put("view", new JsonObject().put("showErrorDetails", true)), Map.of("HONOSTAR_ENV", "production"));
    assertThat(mixed.isProduction()).isTrue();
    assertThat(mixed.getSecurity().isSecureCookies()).isFalse();
    assertThat(mixed.getView().isShowErrorDetails()).isTrue();
    assertThat(mixed.getSecurity().isHsts()).isTrue();
    // A config file of an earlier version, flat security keys, configures the sections.
    HonoStarOptions old = HonoStarOptions.load(new JsonObject().put("security", new JsonObject().put("maxTopics", 7)
      .put("csrfCookieName", "old_csrf")), Map.of());
    assertThat(old.getSecurity().getToken().getMaxTopics()).isEqualTo(7);
    assertThat(old.getSecurity().getCsrf().getCookieName()).isEqualTo("old_csrf");
    // The mode is production or development: a typo is not development.
    assertThatThrownBy(() -> load(Map.of("HONOSTAR_ENV", "prod"))).hasMessageContaining("HONOSTAR_ENV").hasMessageContaining("'prod'");
    assertThatThrownBy(() -> new HonoStarOptions(new JsonObject().put("env", "staging"))).hasMessageContaining("env")
      .hasMessageContaining("'staging'");
    assertThat(load(Map.of("HONOSTAR_ENV", "Development")).isProduction()).isFalse();
    // The variable decides over the JSON's env key.
    assertThat(HonoStarOptions.load(new JsonObject().put("env", "development"), Map.of("HONOSTAR_ENV", "production")).isProduction()).isTrue();
    assertThat(HonoStarOptions.load(new JsonObject().put("env", "production"), Map.of()).getSecurity().getToken().isRequireSigningSecret()).isTrue();
    // An explicit setting wins over what production decides, from the environment or JSON.
    assertThat(load(Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SECURITY_HSTS", "false")).getSecurity().isHsts()).isFalse();
    HonoStarOptions json = new HonoStarOptions(new JsonObject().put("env", "production")
      .put("security", new JsonObject().put("secureCookies", false)));
    assertThat(json.getSecurity().isSecureCookies()).isFalse();
    assertThat(json.getSecurity().isHsts()).isTrue();
    // A copy keeps them.
    assertThat(new HonoStarOptions(production).getSecurity().isSecureCookies()).isTrue();
    assertThat(new HonoStarOptions(production).toJson()).isEqualTo(production.toJson());
  }

  @Test
  void anAppOptionsClassWrittenByTheRecipeGetsTheSameRules() {
    ReportOptions report = new ReportOptions().applyEnvironment(Map.of("HONOSTAR_REPORT_INTERVAL_MS", "1000",
      "HONOSTAR_REPORT_ENABLED", "false"));
    assertThat(report.getIntervalMillis()).isEqualTo(1000);
    assertThat(report.isEnabled()).isFalse();
    assertThat(new ReportOptions().applyEnvironment(Map.of("HONOSTAR_REPORT_EVERY", "5")).getIntervalMillis()).isEqualTo(5);
    assertThatThrownBy(() -> new ReportOptions().applyEnvironment(Map.of("HONOSTAR_REPORT_ENABLED", "on")))
      .hasMessageContaining("HONOSTAR_REPORT_ENABLED");
    assertThat(new ReportOptions(report.toJson()).toJson()).isEqualTo(report.toJson());
    assertThat(ReportOptions.SCHEMA.variables())
      .containsExactly("HONOSTAR_REPORT_TITLE", "HONOSTAR_REPORT_INTERVAL_MS", "HONOSTAR_REPORT_ENABLED");
  }

  @Test
  void everyVariableFollowsTheNamingRule() {
    for (OptionsSchema<?> schema : new OptionsSchema<?>[] {ViewOptions.SCHEMA, SecurityOptions.SCHEMA, LiveOptions.SCHEMA,
        dev.honostar.bus.BusOptions.SCHEMA, SessionStoreOptions.SCHEMA, dev.honostar.observability.ObservabilityOptions.SCHEMA,
        dev.honostar.outbox.OutboxOptions.SCHEMA, dev.honostar.bus.HazelcastClusterOptions.SCHEMA}) {
      for (String name : schema.variables()) {
        assertThat(name).startsWith(schema.envPrefix()).matches("[A-Z0-9_]+").doesNotContain("MILLIS");
      }
    }
  }
}
