package dev.honostar.verticles;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two tiers from one app: the app tier answers pages and commands and publishes, the live
 * tier holds the streams and renders; each answers the other's paths with a clear 404.
 */
@ExtendWith(VertxExtension.class)
class RolesTest {

  Vertx vertx;
  Http appTier;
  Http liveTier;
  int appPort;
  int livePort;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    appPort = Http.freePort();
    livePort = Http.freePort();
    appTier = new Http(vertx, appPort);
    liveTier = new Http(vertx, livePort);
  }

  @AfterEach
  void tearDown() {
    appTier.close();
    liveTier.close();
    vertx.close().await();
  }

  JsonObject config(int port) {
    return new JsonObject().put("app", TestApp.class.getName()).put("http.port", port).put("http.host", "localhost")
      .put(HonoStarVerticle.CONFIG_EVENT_LOOPS, 1);
  }

  @Test
  void aCommandOnTheAppTierReachesAStreamOnTheLiveTier() throws Exception {
    vertx.deployVerticle(AppTierVerticle.class.getName(), new DeploymentOptions().setConfig(config(appPort))).await();
    vertx.deployVerticle(LiveTierVerticle.class.getName(), new DeploymentOptions().setConfig(config(livePort))).await();

    HttpResponse<Buffer> page = appTier.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> noStream = appTier.get("/_/events?" + Http.liveQuery(page.bodyAsString()), Http.cookieHeader(page));
    assertThat(noStream.statusCode()).as("the app tier does not hold streams").isEqualTo(404);
    assertThat(noStream.bodyAsString()).contains("live tier", Role.ENV);

    HttpResponse<Buffer> noPage = liveTier.get("/");
    assertThat(noPage.statusCode()).as("the live tier serves no pages").isEqualTo(404);
    assertThat(noPage.bodyAsString()).contains("app tier");
    assertThat(liveTier.get(OpsEndpoints.READY_PATH).statusCode()).as("each tier has its probes").isEqualTo(200);

    // The page from the app tier, its stream on the live tier (the ingress routes /_/events there).
    Http.LiveStream stream = liveTier.openFor(page);
    long next = TestApp.COUNT.get() + 1;
    assertThat(appTier.submit(page).statusCode()).isBetween(200, 399);
    stream.receives("Count: <strong>" + next + "</strong>").await(5, TimeUnit.SECONDS);
  }

  @Test
  void theRoleComesFromTheEnvironmentOrTheConfig() {
    vertx.deployVerticle(HonoStarVerticle.class.getName(), new DeploymentOptions().setConfig(config(livePort).put(Role.CONFIG_KEY, "live"))).await();
    assertThat(liveTier.get("/").statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> vertx.deployVerticle(HonoStarVerticle.class.getName(),
      new DeploymentOptions().setConfig(config(appPort).put(Role.CONFIG_KEY, "pages"))).await())
      .hasMessageContaining("all, app or live");
    assertThat(Role.parse(null)).isEqualTo(Role.ALL);
  }
}
