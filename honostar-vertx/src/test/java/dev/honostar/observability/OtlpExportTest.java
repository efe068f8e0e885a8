package dev.honostar.observability;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** With an endpoint configured, the app's spans reach an OTLP/HTTP collector (a real HTTP server standing in for one). */
class OtlpExportTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void spansAreExportedToTheConfiguredEndpointWithItsHeaders() throws Exception {
    Promise<JsonObject> export = Promise.promise();
    HttpServer collector = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      export.tryComplete(new JsonObject().put("path", req.path()).put("type", req.getHeader("Content-Type"))
        .put("apiKey", req.getHeader("api-key")).put("body", body.toString(StandardCharsets.ISO_8859_1)));
      req.response().putHeader("Content-Type", "application/x-protobuf").end();
    })).listen(0).await(10, TimeUnit.SECONDS);

    HonoStarOptions options = new HonoStarOptions().applyEnvironment(Map.of(
      "HONOSTAR_OTEL_ENDPOINT", "http://127.0.0.1:" + collector.actualPort(),
      "OTEL_EXPORTER_OTLP_HEADERS", "api-key=k1",
      "OTEL_SERVICE_NAME", "export-test"));
    HonoStar app = HonoStar.create(vertx, options).page("/", ctx -> io.vertx.core.Future.succeededFuture(Map.of()), "it/plain");
    HttpServer server = app.router()
      .compose(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
    assertThat(WebClient.create(vertx).get(server.actualPort(), "localhost", "/").send().await(10, TimeUnit.SECONDS).statusCode())
      .isEqualTo(200);
    // Closing the app flushes the batch: the collector has it by the time close() completes.
    app.close().await(20, TimeUnit.SECONDS);
    assertThat(export.future().isComplete()).as("exported before close() completed").isTrue();

    JsonObject received = export.future().await(20, TimeUnit.SECONDS);
    assertThat(received.getString("path")).isEqualTo("/v1/traces");
    assertThat(received.getString("type")).isEqualTo("application/x-protobuf");
    assertThat(received.getString("apiKey")).isEqualTo("k1");
    assertThat(received.getString("body")).contains("export-test").contains("GET /");
  }
}
