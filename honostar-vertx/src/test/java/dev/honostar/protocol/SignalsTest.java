package dev.honostar.protocol;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads signals over real HTTP, with and without a BodyHandler in front. */
@ExtendWith(VertxExtension.class)
class SignalsTest {

  private static final long LIMIT = 1024;
  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route("/raw").handler(ctx -> echo(ctx, Signals.read(ctx, LIMIT)));
    router.route("/parsed").handler(BodyHandler.create().setHandleFileUploads(false)).handler(ctx -> echo(ctx, Signals.read(ctx, LIMIT)));
    server = vertx.createHttpServer().requestHandler(router).listen(0).await(5, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()).setDefaultHost("localhost"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close().await(5, TimeUnit.SECONDS);
  }

  private static void echo(RoutingContext ctx, io.vertx.core.Future<JsonObject> read) {
    read.onSuccess(signals -> ctx.response().putHeader("content-type", "application/json").end(signals.encode()))
      .onFailure(err -> {
        int status = err instanceof SignalsException se ? se.statusCode() : 500;
        ctx.response().setStatusCode(status).end(err.getMessage());
      });
  }

  private HttpResponse<Buffer> send(HttpMethod method, String uri, String contentType, String body) throws Exception {
    var req = client.request(method, uri);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    return (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body))).await(5, TimeUnit.SECONDS);
  }

  private static String query(String json) {
    return "?datastar=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void getAndDeleteReadTheQueryParameter(String path) throws Exception {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.DELETE}) {
      HttpResponse<Buffer> resp = send(method, path + query("{\"a\":1,\"b\":{\"c\":\"é\"}}"), null, null);
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject("{\"a\":1,\"b\":{\"c\":\"é\"}}"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void postPutAndPatchReadTheJsonBody(String path) throws Exception {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH}) {
      HttpResponse<Buffer> resp = send(method, path, "application/json", "{\"title\":\"Hi\"}");
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.bodyAsJsonObject().getString("title")).isEqualTo("Hi");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void missingSignalsReadAsAnEmptyObject(String path) throws Exception {
    assertThat(send(HttpMethod.GET, path, null, null).bodyAsString()).isEqualTo("{}");
    assertThat(send(HttpMethod.POST, path, "application/json", null).bodyAsString()).isEqualTo("{}");
    assertThat(send(HttpMethod.POST, path, null, null).bodyAsString()).isEqualTo("{}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void malformedJsonIsA400(String path) throws Exception {
    HttpResponse<Buffer> resp = send(HttpMethod.POST, path, "application/json", "{\"a\":");
    assertThat(resp.statusCode()).isEqualTo(400);
    assertThat(resp.bodyAsString()).isEqualTo("Signals are not valid JSON");
    assertThat(send(HttpMethod.GET, path + query("[1,2]"), null, null).statusCode()).isEqualTo(400);
    assertThat(send(HttpMethod.GET, path + "?datastar=%7B%ZZ", null, null).statusCode()).isEqualTo(400);
    assertThat(send(HttpMethod.POST, path, "application/json", "\"text\"").bodyAsString()).isEqualTo("Signals must be a JSON object");
  }

  @Test
  void aBodyOverTheLimitIsA413() throws Exception {
    String big = "{\"x\":\"" + "a".repeat((int) LIMIT) + "\"}";
    assertThat(send(HttpMethod.POST, "/raw", "application/json", big).statusCode()).isEqualTo(413);
  }

  @Test
  void aChunkedBodyOverTheLimitIsA413() throws Exception {
    String big = "{\"x\":\"" + "a".repeat((int) LIMIT * 4) + "\"}";
    io.vertx.core.streams.ReadStream<Buffer> stream = new io.vertx.core.streams.ReadStream<>() {
      private io.vertx.core.Handler<Buffer> handler;
      private io.vertx.core.Handler<Void> end;
      private boolean started;
      public io.vertx.core.streams.ReadStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> h) { return this; }
      public io.vertx.core.streams.ReadStream<Buffer> handler(io.vertx.core.Handler<Buffer> h) { handler = h; return this; }
      public io.vertx.core.streams.ReadStream<Buffer> pause() { return this; }
      public io.vertx.core.streams.ReadStream<Buffer> resume() { return fetch(1); }
      public io.vertx.core.streams.ReadStream<Buffer> fetch(long n) {
        if (!started && handler != null) {
          started = true;
          handler.handle(Buffer.buffer(big));
          if (end != null) { end.handle(null); }
        }
        return this;
      }
      public io.vertx.core.streams.ReadStream<Buffer> endHandler(io.vertx.core.Handler<Void> h) { end = h; return this; }
    };
    HttpResponse<Buffer> resp = client.post("/raw").putHeader("Content-Type", "application/json").sendStream(stream).await(5, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(413);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void anotherContentTypeIsA415(String path) throws Exception {
    HttpResponse<Buffer> resp = send(HttpMethod.POST, path, "application/xml", "<a/>");
    assertThat(resp.statusCode()).isEqualTo(415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/raw", "/parsed"})
  void formSubmissionsReadTheFields(String path) throws Exception {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("title", "Hello & bye").add("tag", "a").add("tag", "b");
    HttpResponse<Buffer> resp = client.post(path).sendForm(form).await(5, TimeUnit.SECONDS);
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.bodyAsJsonObject()).isEqualTo(new JsonObject("{\"title\":\"Hello & bye\",\"tag\":[\"a\",\"b\"]}"));

    HttpResponse<Buffer> multipart = client.post(path).sendMultipartForm(MultipartForm.create().attribute("title", "Hi")).await(5, TimeUnit.SECONDS);
    assertThat(multipart.statusCode()).isEqualTo(200);
    assertThat(multipart.bodyAsJsonObject().getString("title")).isEqualTo("Hi");
  }
}
