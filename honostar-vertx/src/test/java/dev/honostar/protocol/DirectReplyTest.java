package dev.honostar.protocol;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Direct (non-SSE) replies carry what the v1.0.2 runtime reads: status 200, type, datastar-* headers. */
@ExtendWith(VertxExtension.class)
class DirectReplyTest {

  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.get("/html").handler(ctx -> DirectReply.send(ctx.response(),
      PatchElements.of("<li>new</li>").selector("#list").mode(PatchMode.PREPEND).namespace(ElementNamespace.SVG).useViewTransition(true)));
    router.get("/html-defaults").handler(ctx -> DirectReply.send(ctx.response(), PatchElements.of("<p id=\"x\">1</p>")));
    router.get("/json").handler(ctx -> DirectReply.send(ctx.response(), PatchSignals.of(new JsonObject().put("n", 1)).onlyIfMissing(true)));
    router.get("/js").handler(ctx -> DirectReply.send(ctx.response(), ExecuteScript.of("go()").attribute("type", "module")));
    router.get("/none").handler(ctx -> DirectReply.noContent(ctx.response()));
    router.get("/stream-only").handler(ctx -> {
      try {
        DirectReply.send(ctx.response(), PatchSignals.of(new JsonObject()).eventId("7"));
      } catch (IllegalArgumentException e) {
        ctx.response().setStatusCode(500).end(e.getMessage());
      }
    });
    router.get("/is-datastar").handler(ctx -> ctx.response().end(String.valueOf(Datastar.isDatastarRequest(ctx.request()))));
    server = vertx.createHttpServer().requestHandler(router).listen(0).await(5, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()).setDefaultHost("localhost"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return client.get(uri).putHeader("Datastar-Request", "true").send().await(5, TimeUnit.SECONDS);
  }

  @Test
  void htmlPatchCarriesItsOptionsAsHeaders() throws Exception {
    HttpResponse<Buffer> resp = get("/html");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).startsWith("text/html");
    assertThat(resp.getHeader("datastar-selector")).isEqualTo("#list");
    assertThat(resp.getHeader("datastar-mode")).isEqualTo("prepend");
    assertThat(resp.getHeader("datastar-namespace")).isEqualTo("svg");
    assertThat(resp.getHeader("datastar-use-view-transition")).isEqualTo("true");
    assertThat(resp.bodyAsString()).isEqualTo("<li>new</li>");
  }

  @Test
  void defaultsAreNotSentAsHeaders() throws Exception {
    HttpResponse<Buffer> resp = get("/html-defaults");
    assertThat(resp.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("datastar-"));
    assertThat(resp.bodyAsString()).isEqualTo("<p id=\"x\">1</p>");
  }

  @Test
  void signalsPatchIsJson() throws Exception {
    HttpResponse<Buffer> resp = get("/json");
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(resp.getHeader("datastar-only-if-missing")).isEqualTo("true");
    assertThat(resp.bodyAsString()).isEqualTo("{\"n\":1}");
  }

  @Test
  void scriptIsJavascriptWithItsAttributes() throws Exception {
    HttpResponse<Buffer> resp = get("/js");
    assertThat(resp.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(resp.getHeader("datastar-script-attributes")).isEqualTo("{\"type\":\"module\"}");
    assertThat(resp.bodyAsString()).isEqualTo("go()");
  }

  @Test
  void noContentIs204() throws Exception {
    HttpResponse<Buffer> resp = get("/none");
    assertThat(resp.statusCode()).isEqualTo(204);
    assertThat(resp.body()).isNull();
  }

  @Test
  void streamOnlyEffectsAreRefused() throws Exception {
    HttpResponse<Buffer> resp = get("/stream-only");
    assertThat(resp.bodyAsString()).contains("stream-only options");
  }

  @Test
  void recognisesDatastarRequestsByHeader() throws Exception {
    assertThat(get("/is-datastar").bodyAsString()).isEqualTo("true");
    assertThat(client.get("/is-datastar").send().await(5, TimeUnit.SECONDS).bodyAsString()).isEqualTo("false");
  }
}
