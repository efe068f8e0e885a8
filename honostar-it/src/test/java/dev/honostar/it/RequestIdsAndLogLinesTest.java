package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.observability.LogFormat;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import dev.honostar.test.Browser;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids on responses and error pages, and the JSON lines of live streams, with tracing on (in memory) and the
 * JSON log format.
 */
class RequestIdsAndLogLinesTest extends BoardFixture {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
    .build();
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @Override
  HonoStarOptions options() {
    app.tracing = Tracing.create(sdk);
    HonoStarOptions options = super.options();
    options.getObservability().setLogFormat(LogFormat.JSON);
    return options;
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    sdk.close();
  }

  @Test
  void everyAnswerCarriesARequestIdAndErrorPagesShowIt() throws Exception {
    WebClient client = WebClient.create(vertx);
    HttpResponse<Buffer> page = client.get(server.actualPort(), "localhost", "/board").send().await(10, TimeUnit.SECONDS);
    assertThat(page.getHeader(RequestId.HEADER)).matches("[0-9a-f]{32}");

    HttpResponse<Buffer> missing = client.get(server.actualPort(), "localhost", "/no-such-page").send().await(10, TimeUnit.SECONDS);
    assertThat(missing.statusCode()).isEqualTo(404);
    String id = missing.getHeader(RequestId.HEADER);
    assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(page.getHeader(RequestId.HEADER));
    assertThat(missing.bodyAsString()).contains("Reference: <code>" + id + "</code>");

    // A failing command's error page, with the id a proxy in front assigned.
    HttpResponse<Buffer> failed = client.post(server.actualPort(), "localhost", "/replies").putHeader(RequestId.HEADER, "edge-42.a:b")
      .sendJsonObject(new JsonObject().put("kind", "fail")).await(10, TimeUnit.SECONDS);
    assertThat(failed.getHeader(RequestId.HEADER)).isEqualTo("edge-42.a:b");

    HttpResponse<Buffer> forged = client.get(server.actualPort(), "localhost", "/board").putHeader(RequestId.HEADER, "<script>")
      .send().await(10, TimeUnit.SECONDS);
    assertThat(forged.getHeader(RequestId.HEADER)).as("a malformed id is replaced").matches("[0-9a-f]{32}");

    SpanData server404 = spans.getFinishedSpanItems().stream()
      .filter(s -> id.equals(s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("honostar.request_id"))))
      .findFirst().orElseThrow();
    assertThat(server404.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
  }

  @Test
  void aLiveStreamWritesOneJsonLineWhenItOpensAndOneWhenItCloses() throws Exception {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Browser b = browser();
    Tab page = b.open("/board");
    // The recorder, for the stream's response headers.
    SseRecorder stream = b.record(liveQuery(token(page)));
    stream.awaitEvent(e -> e.raw().contains("<ul id=\"items\"></ul>"));
    String requestId = stream.headers().get(RequestId.HEADER);
    assertThat(requestId).isNotBlank();
    stream.close();

    JsonObject closed = awaitLine(l -> l.getString("type").equals("live.stream.closed"));
    JsonObject opened = jsonLines().stream().filter(l -> l.getString("type").equals("live.stream.opened")).findFirst().orElseThrow();
    for (JsonObject line : List.of(opened, closed)) {
      assertThat(line.getString("requestId")).isEqualTo(requestId);
      assertThat(line.getString("page")).isEqualTo("/board");
      assertThat(line.getInteger("topics")).isEqualTo(1);
      assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
      assertThat(line.getString("time")).isNotBlank();
    }
    assertThat(closed.getLong("seconds")).isNotNegative();
    assertThat(opened.getString("traceId")).as("the stream's request span").isEqualTo(spans.getFinishedSpanItems().stream()
      .filter(s -> s.getName().equals("GET /_/events")).findFirst().orElseThrow().getTraceId());
  }

  private List<JsonObject> jsonLines() {
    // slf4j-simple's lines: "[thread] INFO logger - message".
    return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" - {\""))
      .map(l -> new JsonObject(l.substring(l.indexOf(" - {") + 3))).toList();
  }

  /** Polls the captured log with a timer until a JSON line matches (10 s at most). */
  private JsonObject awaitLine(Predicate<JsonObject> match) throws Exception {
    Promise<JsonObject> found = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    vertx.setPeriodic(20, id -> {
      jsonLines().stream().filter(match).findFirst().ifPresentOrElse(line -> {
        vertx.cancelTimer(id);
        found.tryComplete(line);
      }, () -> {
        if (System.nanoTime() > deadline) {
          vertx.cancelTimer(id);
          found.tryFail(new AssertionError("No such log line in: " + captured.toString(StandardCharsets.UTF_8)));
        }
      });
    });
    return found.future().await(15, TimeUnit.SECONDS);
  }
}
