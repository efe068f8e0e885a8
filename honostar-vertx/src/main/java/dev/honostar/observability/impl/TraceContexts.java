package dev.honostar.observability.impl;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Moves OpenTelemetry contexts in and out of the places the framework carries them: a domain event's W3C headers and
 * the request's {@link RoutingContext}. Internal API.
 */
public final class TraceContexts {

  /** RoutingContext data: the OpenTelemetry {@link Context} of the request's span. */
  public static final String ROUTING_KEY = "honostar.traceContext";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  public static final TextMapGetter<MultiMap> HEADERS_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) {
      return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private TraceContexts() {
  }

  /** @return the W3C headers of {@code context}'s span, or an empty map when it has none (nothing is traced) */
  public static Map<String, String> headers(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>(4);
    W3C.inject(context, out, Map::put);
    return out;
  }

  /** @return the context the W3C {@code headers} describe, or the root context when they describe none */
  public static Context fromHeaders(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return Context.root();
    }
    return W3C.extract(Context.root(), headers, MAP_GETTER);
  }

  /** @return the context of the request's span, or the root context when the request is not traced */
  public static Context of(RoutingContext ctx) {
    Context context = ctx.get(ROUTING_KEY);
    return context != null ? context : Context.root();
  }

  /**
   * Adds {@code traceId} and {@code spanId} of {@code context}'s span to a log line, when it has a span.
   *
   * @return {@code line}
   */
  public static JsonObject addIds(JsonObject line, Context context) {
    SpanContext span = context == null ? SpanContext.getInvalid() : Span.fromContext(context).getSpanContext();
    if (span.isValid()) {
      line.put("traceId", span.getTraceId()).put("spanId", span.getSpanId());
    }
    return line;
  }

  /** Ends {@code span}, marked as an error (with the exception) when {@code result} failed. */
  public static void end(Span span, AsyncResult<?> result) {
    if (result.failed()) {
      span.recordException(result.cause());
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
