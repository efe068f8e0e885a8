package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import org.jsoup.Jsoup;
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

  private TestBrowser serve(String mount) throws Exception {
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
    return new TestBrowser(vertx, server.actualPort());
  }

  private static Element runtimeScript(Document page) {
    Element script = page.selectFirst("script[src*=datastar]");
    assertThat(script).as("the Datastar script in %s", page.head()).isNotNull();
    return script;
  }

  @Test
  void pagesAndErrorPagesLoadTheSelfHostedRuntimeFromAHashedImmutableUrl() throws Exception {
    TestBrowser b = serve(null);
    HttpResponse<Buffer> page = b.open("/board");
    assertThat(page.statusCode()).isEqualTo(200);
    Element script = runtimeScript(Jsoup.parse(page.bodyAsString()));
    String src = script.attr("src");
    assertThat(src).matches("/_/assets/honostar/datastar\\.[0-9a-f]{8}\\.js");
    assertThat(script.attr("type")).isEqualTo("module");
    assertThat(script.hasAttr("nonce")).isTrue();
    assertThat(page.bodyAsString()).doesNotContain("cdn.jsdelivr.net");

    HttpResponse<Buffer> error = b.open("/nope");
    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(runtimeScript(Jsoup.parse(error.bodyAsString())).attr("src")).as("the 404 page's runtime").isEqualTo(src);
    assertThat(error.bodyAsString()).doesNotContain("cdn.jsdelivr.net");

    HttpResponse<Buffer> js = b.open(src);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(js.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(js.bodyAsString()).isEqualTo(RUNTIME);
  }

  @Test
  void underAMountPointTheUrlCarriesIt() throws Exception {
    TestBrowser b = serve("/app");
    String src = runtimeScript(Jsoup.parse(b.open("/app/board").bodyAsString())).attr("src");
    assertThat(src).matches("/app/_/assets/honostar/datastar\\.[0-9a-f]{8}\\.js");
    assertThat(b.open(src).statusCode()).isEqualTo(200);
  }
}
