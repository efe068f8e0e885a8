package examples;

import dev.honostar.HonoStar;
import dev.honostar.HonoStarOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.observability.LogFormat;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The snippets of docs/observability.md, compiled so they cannot rot. */
public class ObservabilityExamples {

  private static final Logger log = LoggerFactory.getLogger(ObservabilityExamples.class);

  static HonoStarOptions inCode() {
    // tag::options[]
    HonoStarOptions options = HonoStarOptions.load(null, System.getenv());
    options.getObservability()
      .setOtlpEndpoint("http://otel-collector:4318")   // or HONOSTAR_OBSERVABILITY_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT
      .setServiceName("issues")                        // or OTEL_SERVICE_NAME
      .setOtlpHeaders(Map.of("api-key", "…"))          // or OTEL_EXPORTER_OTLP_HEADERS
      .setLogFormat(LogFormat.JSON);                   // or HONOSTAR_OBSERVABILITY_LOG_FORMAT=json
    // end::options[]
    return options;
  }

  static HonoStar ownOpenTelemetry(Vertx vertx, HonoStarOptions options, OpenTelemetry openTelemetry) {
    // tag::own[]
    // An OpenTelemetry the application built (or an agent's): the app does not close it.
    return HonoStar.create(vertx, options).tracing(Tracing.create(openTelemetry));
    // end::own[]
  }

  static void requestId(Router router) {
    // tag::requestId[]
    router.route("/export").handler(ctx -> {
      log.info("export requested, request {}", RequestId.of(ctx));   // the id the response and error page carry
      ctx.next();
    });
    // end::requestId[]
  }

  static void ownVerticle(TopicBus bus, Tracer tracer) {
    // tag::bus[]
    // A consumer of the app's events: the publishing command's trace is current while the handler runs.
    bus.subscribe("issues", event -> {
      Span span = tracer.spanBuilder("index " + event.name()).startSpan();   // a child of the command's span
      try (Scope ignored = span.makeCurrent()) {
        // ... update a search index ...
      } finally {
        span.end();
      }
    });
    // A publisher: inside a span, the event carries it; the renders it causes on every node join that trace.
    Span job = tracer.spanBuilder("nightly import").startSpan();
    try (Scope ignored = job.makeCurrent()) {
      bus.publish(DomainEvent.of("issues", "imported", new JsonObject().put("count", 42)));
    } finally {
      job.end();
    }
    // end::bus[]
  }
}
