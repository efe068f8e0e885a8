package dev.honostar.verticles;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.observability.LogFormat;
import dev.honostar.observability.ObservabilityHandler;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log's lines as an operator reads them: text by default, JSON with request and trace ids when configured. */
class AccessLogTest {

  private final Vertx vertx = Vertx.vertx();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
    .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build()).build();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    sdk.close();
  }

  /** The verticle's layout: the access log on the root router, the app's router (with its first handler) below. */
  private int serve(LogFormat format) throws Exception {
    Router app = Router.router(vertx);
    app.route().handler(ObservabilityHandler.create(Tracing.create(sdk)));
    app.get("/board").handler(ctx -> ctx.end("ok"));
    Router root = Router.router(vertx);
    root.route().handler(new AccessLog(format, lines::add));
    root.route("/*").subRouter(app);
    HttpServer server = vertx.createHttpServer().requestHandler(root).listen(0).await(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private HttpResponse<Buffer> get(int port, String path) throws Exception {
    return WebClient.create(vertx).get(port, "localhost", path + "?token=secret").send().await(10, TimeUnit.SECONDS);
  }

  @Test
  void textLinesCarryTheRequestIdOfTheResponse() throws Exception {
    int port = serve(LogFormat.TEXT);
    HttpResponse<Buffer> ok = get(port, "/board");
    String line = lines.poll(10, TimeUnit.SECONDS);
    assertThat(line).matches("GET /board 200 \\d+ms id=" + ok.getHeader(RequestId.HEADER));
  }

  /** A live stream outlives its request's handling: its line comes when it closes, also when the client cut it. */
  @Test
  void aLiveStreamTheClientCutIsLoggedWithItsLifetime() throws Exception {
    HonoStar honostar = HonoStar.create(vertx, new HonoStarOptions().setEnvironment(Map.of()));
    new TestApp().configure(honostar);
    Router root = Router.router(vertx);
    root.route().handler(new AccessLog(LogFormat.TEXT, lines::add));
    root.route("/*").subRouter(honostar.router().await(20, TimeUnit.SECONDS));
    int port = vertx.createHttpServer().requestHandler(root).listen(0).await(10, TimeUnit.SECONDS).actualPort();
    Http http = new Http(vertx, port);
    Http.LiveStream stream = http.open("/");
    stream.response.request().connection().close().await(10, TimeUnit.SECONDS);
    String line;
    do {
      line = lines.poll(10, TimeUnit.SECONDS);
    } while (line != null && !line.startsWith("GET /_/events"));
    assertThat(line).matches("GET /_/events 200 \\d+ms id=\\S+ \\(connection closed\\)");
    http.close();
    honostar.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void jsonLinesCarryRequestAndTraceIdsAndNoQueryString() throws Exception {
    int port = serve(LogFormat.JSON);
    HttpResponse<Buffer> ok = get(port, "/board");
    HttpResponse<Buffer> missing = get(port, "/nope");
    JsonObject first = new JsonObject(lines.poll(10, TimeUnit.SECONDS));
    JsonObject second = new JsonObject(lines.poll(10, TimeUnit.SECONDS));
    for (JsonObject line : List.of(first, second)) {
      assertThat(line.fieldNames()).as(line.encode()).contains("time", "type", "requestId", "traceId", "spanId", "method", "path", "status", "durationMs");
      assertThat(line.getString("type")).isEqualTo("request");
      assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
      assertThat(line.encode()).doesNotContain("secret");
    }
    assertThat(first.getString("requestId")).isEqualTo(ok.getHeader(RequestId.HEADER));
    assertThat(first.getString("path")).isEqualTo("/board");
    assertThat(first.getInteger("status")).isEqualTo(200);
    assertThat(second.getString("requestId")).isEqualTo(missing.getHeader(RequestId.HEADER));
    assertThat(second.getInteger("status")).isEqualTo(404);
    assertThat(second.getString("traceId")).isNotEqualTo(first.getString("traceId"));
  }
}
