package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Startup refuses unsafe configurations with a clear message. Production is decided once
 * ({@code HONOSTAR_ENV=production}) and the app behaves by the settings it resolves to; a setting made
 * explicitly wins over it, from JSON, the environment or code.
 */
class SecurityWiringTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef";
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void productionWithoutASigningSecretDoesNotStart() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of()).setProduction(true);
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(10, TimeUnit.SECONDS))
      .hasMessageContaining("HONOSTAR_SIGNING_SECRET is not set")
      .hasMessageContaining("openssl rand");
    HonoStarOptions fromEnv = HonoStarOptions.load(new JsonObject(), Map.of("HONOSTAR_ENV", "production"));
    assertThatThrownBy(() -> serve(fromEnv)).hasMessageContaining("HONOSTAR_SIGNING_SECRET is not set");
  }

  @Test
  void aSharedBusWithoutASigningSecretDoesNotStart() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of());
    options.getBus().setKind(BusKind.REDIS).setRedisUrl("redis://127.0.0.1:6379");
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(10, TimeUnit.SECONDS))
      .hasMessageContaining("HONOSTAR_SIGNING_SECRET");
  }

  @Test
  void anUnreachableBrokerFailsStartupInsteadOfFallingBackToMemory() {
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"));
    options.getBus().setKind(BusKind.NATS).setNatsUrl("nats://127.0.0.1:1").setConnectTimeout(1000);
    assertThatThrownBy(() -> new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS))
      .hasMessageContaining("NATS");
  }

  private int serve(HonoStarOptions options) throws Exception {
    HttpServer server = new BoardApp().router(vertx, options, new SimpleMeterRegistry())
      .compose(r -> vertx.createHttpServer(options.applyTo(new io.vertx.core.http.HttpServerOptions())).requestHandler(r).listen(0))
      .await(20, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private List<String> cookiesOf(int port, String path) throws Exception {
    return WebClient.create(vertx).get(port, "localhost", path).send().await(10, TimeUnit.SECONDS).cookies();
  }

  @Test
  void developmentCanRequireTheSecretToo() {
    HonoStarOptions options = HonoStarOptions.load(new JsonObject(), Map.of("HONOSTAR_SECURITY_TOKEN_REQUIRE_SIGNING_SECRET", "true"));
    assertThat(options.isProduction()).isFalse();
    assertThatThrownBy(() -> serve(options)).hasMessageContaining("HONOSTAR_SIGNING_SECRET is not set");
  }

  @Test
  void productionMarksEveryCookieSecureEvenOverPlainHttp() throws Exception {
    int port = serve(HonoStarOptions.load(new JsonObject(), Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SIGNING_SECRET", SECRET)));
    List<String> cookies = cookiesOf(port, "/feed");
    assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("ds_live=").contains("Secure"));
    assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("ds_csrf=").contains("Secure"));
  }

  @Test
  void anExplicitSecureCookiesOffWinsOverProductionFromJsonOrTheEnvironment() throws Exception {
    // A production build run behind a development proxy that talks plain HTTP to the browser.
    JsonObject config = new JsonObject().put("security", new JsonObject().put("secureCookies", false));
    int fromJson = serve(HonoStarOptions.load(config, Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SIGNING_SECRET", SECRET)));
    assertThat(cookiesOf(fromJson, "/feed")).anySatisfy(c -> assertThat(c).startsWith("ds_live=").doesNotContain("Secure"))
      .anySatisfy(c -> assertThat(c).startsWith("ds_csrf=").doesNotContain("Secure"));
    int fromEnv = serve(HonoStarOptions.load(null, Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SIGNING_SECRET", SECRET,
      "HONOSTAR_SECURITY_SECURE_COOKIES", "false")));
    assertThat(cookiesOf(fromEnv, "/feed")).noneSatisfy(c -> assertThat(c).contains("Secure"));
  }

  @Test
  void productionHidesErrorDetailsUnlessTurnedBackOn() throws Exception {
    int production = serve(HonoStarOptions.load(null, Map.of("HONOSTAR_ENV", "production", "HONOSTAR_SIGNING_SECRET", SECRET)));
    HttpResponse<Buffer> hidden = WebClient.create(vertx).get(production, "localhost", "/typo/7").send().await(10, TimeUnit.SECONDS);
    assertThat(hidden.statusCode()).isEqualTo(500);
    assertThat(Jsoup.parse(hidden.bodyAsString()).getElementById("dev-error")).isNull();
    assertThat(hidden.bodyAsString()).doesNotContain("itemId").doesNotContain("IllegalArgumentException");
    // A development run can hide them too, to see what users will see.
    HonoStarOptions quiet = new HonoStarOptions().setEnvironment(Map.of());
    quiet.getView().setShowErrorDetails(false);
    HttpResponse<Buffer> alsoHidden = WebClient.create(vertx).get(serve(quiet), "localhost", "/typo/7").send().await(10, TimeUnit.SECONDS);
    assertThat(alsoHidden.statusCode()).isEqualTo(500);
    assertThat(alsoHidden.bodyAsString()).doesNotContain("itemId");
  }
}
