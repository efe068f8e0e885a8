package dev.honostar.view;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.honostar.view.TestViews.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetHandlerTest {

  Vertx vertx;
  AssetHandler assets;
  HttpServer server;
  WebClient client;
  int port;

  @BeforeAll
  void setUp() {
    vertx = Vertx.vertx();
    ViewOptions options = TestViews.options().setAssetsRoot("view-test/assets/");
    assets = await(AssetHandler.create(vertx, options));
    Router router = Router.router(vertx);
    router.get(options.getAssetsPath() + "*").handler(assets);
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterAll
  void tearDown() {
    await(vertx.close());
  }

  private HttpResponse<Buffer> get(String uri) {
    return await(client.get(port, "127.0.0.1", uri).send());
  }

  private static String classpath(String path) throws Exception {
    try (InputStream in = AssetHandlerTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void hashedUrlsAreImmutableWithTheRightContentType() throws Exception {
    String css = assets.url("honostar/honostar.css");
    assertThat(css).matches("/_/assets/honostar/honostar\\.[0-9a-f]{8}\\.css");
    HttpResponse<Buffer> res = get(css);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(res.getHeader("Content-Type")).isEqualTo("text/css; charset=utf-8");
    assertThat(res.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(res.bodyAsString()).isEqualTo(classpath("honostar/honostar.css"));

    HttpResponse<Buffer> js = get(assets.url("honostar/honostar.js"));
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.getHeader("Content-Type")).startsWith("text/javascript").endsWith("charset=utf-8");
  }

  @Test
  void appAssetsAreServedButCannotShadowFrameworkAssets() {
    assertThat(assets.names()).contains("app.css", "js/app.js", "honostar/honostar.css", "honostar/honostar.js");
    HttpResponse<Buffer> res = get(assets.url("js/app.js"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.bodyAsString()).contains("console.log");
    assertThat(get(assets.url("honostar/honostar.css")).bodyAsString()).doesNotContain("must not shadow");
  }

  @Test
  void unhashedNamesAreServedWithNoCacheAndEtag() {
    HttpResponse<Buffer> res = get("/_/assets/app.css");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.getHeader("Cache-Control")).isEqualTo("no-cache");
    String etag = res.getHeader("ETag");
    assertThat(etag).isNotBlank();
    HttpResponse<Buffer> again = await(client.get(port, "127.0.0.1", "/_/assets/app.css").putHeader("If-None-Match", etag).send());
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void hashChangesWithContentAndStaleHashIs404() {
    String url = assets.url("app.css");
    String stale = url.replaceAll("\\.[0-9a-f]{8}\\.", ".00000000.");
    assertThat(stale).isNotEqualTo(url);
    assertThat(get(stale).statusCode()).isEqualTo(404);
    assertThat(assets.url("app.css")).isNotEqualTo(assets.url("honostar/honostar.css").replace("honostar/honostar", "app"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/_/assets/../pom.xml",
      "/_/assets/%2e%2e/%2e%2e/pom.xml",
      "/_/assets/%2e%2e%2fview-test%2fassets%2fapp.css",
      "/_/assets/honostar/..%5c..%5cpom.xml",
      "/_/assets/..%5Capp.css",
      "/_/assets//etc/passwd",
      "/_/assets/%2Fetc%2Fpasswd",
      "/_/assets/C:%5CWindows%5Cwin.ini",
      "/_/assets/honostar/layouts/default.hbs",
      "/_/assets/honostar/../honostar/honostar.css.bak",
      "/_/assets/",
      "/_/assets/nope.css"})
  void traversalAndUnknownNamesAre404(String uri) {
    assertThat(get(uri).statusCode()).as(uri).isEqualTo(404);
  }

  @Test
  void unknownAssetNameFailsLoudly() {
    assertThatThrownBy(() -> assets.url("honostar/missing.css")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("honostar/missing.css");
  }

  @Test
  void assetHelperUsesHashedUrls() {
    ViewEngine views = await(ViewEngine.create(vertx, TestViews.options(), RouteResolver.none(), assets, Map.of()));
    String html = views.renderPage("row", Map.of(), List.of(ViewEngine.DEFAULT_LAYOUT), Map.of());
    assertThat(html).contains("href=\"" + assets.url("honostar/honostar.css") + "\"")
        .contains("src=\"" + assets.url("honostar/honostar.js") + "\"");
  }
}
