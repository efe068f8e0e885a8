package dev.honostar.observability.impl;

import dev.honostar.observability.ObservabilityOptions;
import dev.honostar.observability.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Tracing} over an OpenTelemetry instance; owns (and shuts down) the SDK it built from options. */
public final class TracingImpl implements Tracing {

  private static final Logger log = LoggerFactory.getLogger(TracingImpl.class);

  public static final Tracing NOOP = new TracingImpl(OpenTelemetry.noop(), null);

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk owned;
  private final Tracer tracer;
  private final boolean enabled;

  public TracingImpl(OpenTelemetry openTelemetry, OpenTelemetrySdk owned) {
    this.openTelemetry = java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
    this.owned = owned;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    // False for the no-op API and for an SDK without span processors: then the framework starts no spans at all.
    this.enabled = tracer.isEnabled();
  }

  public static Tracing create(ObservabilityOptions options) {
    if (!options.isTracingEnabled()) {
      return NOOP;
    }
    String url = tracesUrl(options.getOtlpEndpoint());
    OtlpHttpSpanExporterBuilder exporter;
    try {
      exporter = OtlpHttpSpanExporter.builder().setEndpoint(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid OTLP endpoint '" + options.getOtlpEndpoint() + "' ("
        + ObservabilityOptions.ENV_ENDPOINT + " or OTEL_EXPORTER_OTLP_ENDPOINT): expected an http(s) URL such as "
        + "http://otel-collector:4318", e);
    }
    options.getOtlpHeaders().forEach(exporter::addHeader);
    SdkTracerProvider provider = SdkTracerProvider.builder()
      .setResource(Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), options.getServiceName()))))
      // Batched on the SDK's own thread: exporting never runs on an event loop.
      .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
      .build();
    // Not registered as the global instance: two apps in one JVM keep their own.
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(provider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
    log.info("Tracing: exporting spans of service {} to {}", options.getServiceName(), url);
    return new TracingImpl(sdk, sdk);
  }

  /** OTLP/HTTP's convention: a base URL gets {@code /v1/traces}; a full one is kept. */
  static String tracesUrl(String endpoint) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public Future<Void> close() {
    if (owned == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    owned.shutdown().whenComplete(done::tryComplete);
    return done.future();
  }
}
