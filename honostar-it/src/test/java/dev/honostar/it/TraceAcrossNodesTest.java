package dev.honostar.it;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusKind;
import dev.honostar.bus.ExternalProcess;
import dev.honostar.bus.HazelcastClusterOptions;
import dev.honostar.bus.HazelcastClustering;
import dev.honostar.bus.TestSupport;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from a command to every node's render: two nodes of one app on a real broker or Hazelcast cluster, each with its own
 * OpenTelemetry SDK and in-memory exporter (as two processes would have), so each node's spans are told apart.
 */
class TraceAcrossNodesTest {

  private static final String SECRET = "trace-test-secret-0123456789abcdef0123";

  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<ExternalProcess> brokers = new ArrayList<>();
  private final List<OpenTelemetrySdk> sdks = new ArrayList<>();
  private final List<String> database = new CopyOnWriteArrayList<>();

  private record Node(Vertx vertx, HttpServer server, InMemorySpanExporter spans) {
    int port() {
      return server.actualPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : vertxes) {
      v.close().await(20, TimeUnit.SECONDS);
    }
    brokers.forEach(ExternalProcess::kill);
    sdks.forEach(OpenTelemetrySdk::close);
  }

  /** A node on {@code url} (Redis, NATS), or a Hazelcast member on {@code url}'s port of {@code members} (clustered). */
  private Node node(BusKind kind, String url, String prefix, List<String> members) throws Exception {
    Vertx vertx = kind != BusKind.CLUSTERED ? Vertx.vertx() : HazelcastClustering.clusteredVertx(new HazelcastClusterOptions()
      .setClusterName(prefix).setHost("127.0.0.1").setPort(Integer.parseInt(url)).setMembers(members), new VertxOptions())
      .await(60, TimeUnit.SECONDS);
    vertxes.add(vertx);
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();
    sdks.add(sdk);
    HonoStarOptions options = new HonoStarOptions().setEnvironment(Map.of("HONOSTAR_SIGNING_SECRET", SECRET));
    options.getBus().setKind(kind).setPrefix(prefix);
    if (kind == BusKind.REDIS) {
      options.getBus().setRedisUrl(url);
    } else if (kind == BusKind.NATS) {
      options.getBus().setNatsUrl(url);
    }
    options.getLive().setCoalesceMillis(0);
    BoardApp app = new BoardApp(database);
    app.tracing = Tracing.create(sdk);
    HttpServer server = app.router(vertx, options, new SimpleMeterRegistry())
      .compose(router -> vertx.createHttpServer(options.applyTo(new HttpServerOptions())).requestHandler(router).listen(0))
      .await(20, TimeUnit.SECONDS);
    return new Node(vertx, server, exporter);
  }

  @ParameterizedTest
  @EnumSource(value = BusKind.class, names = {"REDIS", "NATS", "CLUSTERED"})
  void aCommandsTraceReachesTheRenderAndFanOutOfEveryNode(BusKind kind) throws Exception {
    String prefix = "trace" + TestSupport.uniquePrefix();
    Node a;
    Node b;
    if (kind == BusKind.CLUSTERED) {
      String portA = String.valueOf(TestSupport.freePort());
      String portB = String.valueOf(TestSupport.freePort());
      List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
      a = node(kind, portA, prefix, members);
      b = node(kind, portB, prefix, members);
    } else {
      int port = TestSupport.freePort();
      brokers.add(kind == BusKind.REDIS ? ExternalProcess.redis(port) : ExternalProcess.nats(port));
      String url = (kind == BusKind.REDIS ? "redis://127.0.0.1:" : "nats://127.0.0.1:") + port;
      a = node(kind, url, prefix, List.of());
      b = node(kind, url, prefix, List.of());
    }
    Tab streamOnA = BoardFixture.browserAt(a.vertx(), a.port()).open("/board").connect();
    Tab streamOnB = BoardFixture.browserAt(b.vertx(), b.port()).open("/board").connect();
    BoardFixture.awaitReceived(streamOnA, "<ul id=\"items\"></ul>");
    BoardFixture.awaitReceived(streamOnB, "<ul id=\"items\"></ul>");

    Response posted = BoardFixture.command(streamOnA, HttpMethod.POST, "/items", new JsonObject().put("title", "traced"));
    assertThat(posted.status()).isEqualTo(204);
    BoardFixture.awaitReceived(streamOnA, "<li>traced</li>");
    BoardFixture.awaitReceived(streamOnB, "<li>traced</li>");

    SpanData command = awaitSpan(a, s -> s.getName().equals("command POST /items"));
    String traceId = command.getTraceId();
    assertThat(command.getAttributes().get(AttributeKey.stringKey("honostar.request_id")))
      .as("the command span names the request id its response carries").isEqualTo(posted.header(RequestId.HEADER));
    SpanData request = awaitSpan(a, s -> s.getSpanId().equals(command.getParentSpanId()));
    assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(request.getName()).isEqualTo("POST /items");

    for (Node node : List.of(a, b)) {
      String which = node == a ? "publishing node" : "other node";
      SpanData render = awaitSpan(node, s -> s.getName().equals("render board") && s.getTraceId().equals(traceId));
      assertThat(render.getParentSpanId()).as("render on the %s is a child of the command", which).isEqualTo(command.getSpanId());
      SpanData fanOut = awaitSpan(node, s -> s.getName().equals("fan-out board") && s.getTraceId().equals(traceId));
      assertThat(fanOut.getParentSpanId()).as("fan-out on the %s", which).isEqualTo(command.getSpanId());
      assertThat(fanOut.getAttributes().get(AttributeKey.longKey("honostar.connections"))).isPositive();
    }
  }

  /** Waits (polling with a timer, up to 10 s) for a span of {@code node} that matches. */
  private static SpanData awaitSpan(Node node, Predicate<SpanData> match) throws Exception {
    java.util.Optional<SpanData> now = node.spans().getFinishedSpanItems().stream().filter(match).findFirst();
    if (now.isPresent()) {
      return now.get();
    }
    Promise<SpanData> found = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    node.vertx().setPeriodic(20, id -> {
      node.spans().getFinishedSpanItems().stream().filter(match).findFirst().ifPresentOrElse(span -> {
        node.vertx().cancelTimer(id);
        found.tryComplete(span);
      }, () -> {
        if (System.nanoTime() > deadline) {
          node.vertx().cancelTimer(id);
          found.tryFail(new AssertionError("No such span; spans: " + node.spans().getFinishedSpanItems().stream()
            .map(s -> s.getName() + "@" + s.getTraceId()).toList()));
        }
      });
    });
    return found.future().await(15, TimeUnit.SECONDS);
  }
}
