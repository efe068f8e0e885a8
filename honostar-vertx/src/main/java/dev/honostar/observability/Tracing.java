package dev.honostar.observability;

import dev.honostar.observability.impl.TracingImpl;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;

/**
 * The framework's OpenTelemetry tracing: a span per request, per command, and per render and fan-out on every node
 * that re-renders, all in the trace of the command that published the event (the event carries the trace context
 * across the bus). Off unless an OTLP endpoint is configured; then nothing is recorded and a span costs a no-op call.
 *
 * <pre>{@code
 * // from options (HONOSTAR_OBSERVABILITY_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT); the app closes it on close()
 * HonoStar.create(vertx, options);
 * // or an OpenTelemetry of the application's own (an agent's, a test's in-memory exporter):
 * HonoStar.create(vertx, options).tracing(Tracing.create(openTelemetry));
 * }</pre>
 */
public interface Tracing {

  /** The instrumentation scope of the framework's spans. */
  String INSTRUMENTATION_SCOPE = "dev.honostar";

  /**
   * @return tracing that exports by OTLP/HTTP to {@link ObservabilityOptions#getOtlpEndpoint()}, or {@link #noop()}
   *     when no endpoint is configured
   */
  static Tracing create(ObservabilityOptions options) {
    return TracingImpl.create(options);
  }

  /** @return tracing into an {@link OpenTelemetry} the application owns (it is not closed by {@link #close()}) */
  static Tracing create(OpenTelemetry openTelemetry) {
    return new TracingImpl(openTelemetry, null);
  }

  /** @return tracing that records nothing */
  static Tracing noop() {
    return TracingImpl.NOOP;
  }

  /** @return whether spans are recorded */
  boolean enabled();

  OpenTelemetry openTelemetry();

  /** @return the tracer of the framework's spans ({@link #INSTRUMENTATION_SCOPE}) */
  Tracer tracer();

  /** Flushes pending spans and shuts the exporter down, when this instance created it. */
  Future<Void> close();
}
