package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code HONOSTAR_DATASTAR_JS}: the runtime is served like the framework's own assets (hashed
 * name, immutable) and every page loads it from there, error pages included, so an offline
 * deployment never reaches for the CDN.
 */
class SelfHostedRuntimeTest {

  private static final String RUNTIME = "// not the real runtime\nexport const selfHosted = true;\n";

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private Browser serve(String mount) throws Exception {
    Path file = dir.resolve("datastar.js");
    Files.writeString(file, RUNTIME);
    HonoStarOptions options = new HonoStarOptions().applyEnvironment(Map.of("HONOSTAR_DATASTAR_JS", file.toString()));
    Router app = new BoardApp().router(vertx, options, new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    Router root = app;
    if (mount != null) {
      root = Router.router(vertx);
      root.route(mount + "/*").subRouter(app);
    }
    HttpServer server = vertx.createHttpServer().requestHandler(root).listen(0).await(10, TimeUnit.SECONDS);
    return BoardFixture.browserAt(vertx, server.actualPort());
  }

  private static Element runtimeScript(Document page) {
    Element script = page.selectFirst("script[src*=datastar]");
    assertThat(script).as("the Datastar script in %s", page.head()).isNotNull();
    return script;
  }

  @Test
  void pagesAndErrorPagesLoadTheSelfHostedRuntimeFromAHashedImmutableUrl() throws Exception {
    Browser b = serve(null);
    Tab page = b.open("/board");
    assertThat(page.status()).isEqualTo(200);
    Element script = runtimeScript(page.document());
    String src = script.attr("src");
    assertThat(src).matches("/_/assets/honostar/datastar\\.[0-9a-f]{8}\\.js");
    assertThat(script.attr("type")).isEqualTo("module");
    assertThat(script.hasAttr("nonce")).isTrue();
    assertThat(page.response().body()).doesNotContain("cdn.jsdelivr.net");

    Tab error = b.open("/nope");
    assertThat(error.status()).isEqualTo(404);
    assertThat(runtimeScript(error.document()).attr("src")).as("the 404 page's runtime").isEqualTo(src);
    assertThat(error.response().body()).doesNotContain("cdn.jsdelivr.net");

    Response js = b.open(src).response();
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(js.header("Content-Type")).startsWith("text/javascript");
    assertThat(js.body()).isEqualTo(RUNTIME);
  }

  @Test
  void underAMountPointTheUrlCarriesIt() throws Exception {
    Browser b = serve("/app");
    String src = runtimeScript(b.open("/app/board").document()).attr("src");
    assertThat(src).matches("/app/_/assets/honostar/datastar\\.[0-9a-f]{8}\\.js");
    assertThat(b.open(src).status()).isEqualTo(200);
  }
}
