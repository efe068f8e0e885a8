package dev.honostar.observability.impl;

import dev.honostar.observability.ObservabilityHandler;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicBoolean;

public final class ObservabilityHandlerImpl implements ObservabilityHandler {

  private final Tracing tracing;

  public ObservabilityHandlerImpl(Tracing tracing) {
    this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = RequestId.of(ctx);
    // A router mounted below another one that has this handler already has its span.
    if (!tracing.enabled() || ctx.get(TraceContexts.ROUTING_KEY) != null) {
      ctx.next();
      return;
    }
    String method = ctx.request().method().name();
    Context parent = tracing.openTelemetry().getPropagators().getTextMapPropagator()
      .extract(Context.root(), ctx.request().headers(), TraceContexts.HEADERS_GETTER);
    Span span = tracing.tracer().spanBuilder(method)
      .setParent(parent)
      .setSpanKind(SpanKind.SERVER)
      .setAttribute("http.request.method", method)
      .setAttribute("url.path", ctx.request().path())
      .setAttribute("honostar.request_id", id)
      .startSpan();
    Context context = parent.with(span);
    ctx.put(TraceContexts.ROUTING_KEY, context);
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end = () -> {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Route route = ctx.currentRoute();
      if (route != null && route.getPath() != null) {
        span.updateName(method + " " + route.getPath());
        span.setAttribute("http.route", route.getPath());
      }
      int status = ctx.response().getStatusCode();
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    };
    ctx.addEndHandler(ar -> end.run());
    // An SSE stream's span ends when the stream starts: streams live for minutes, their own end may go unseen (a cut
    // connection fires neither hook), and what happens on them later belongs to the traces of the events they carry.
    ctx.addHeadersEndHandler(v -> {
      String type = ctx.response().headers().get("Content-Type");
      if (type != null && type.startsWith("text/event-stream")) {
        span.setAttribute("honostar.stream", true);
        end.run();
      }
    });
    try (Scope ignored = context.makeCurrent()) {
      ctx.next();
    }
  }
}
