package dev.honostar.observability.impl;

import dev.honostar.command.ValidationException;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.AsyncResult;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * A command's span: a child of its request's span, from the handler's start to the reply, with the publishes in
 * between (the published events carry it). Invalid input is an answer, not an error. Internal API.
 */
public final class CommandSpans {

  private CommandSpans() {
  }

  /** @return the started span, or an invalid (no-op) one when nothing is traced */
  public static Span start(Tracing tracing, RoutingContext ctx) {
    if (!tracing.enabled()) {
      return Span.getInvalid();
    }
    Route route = ctx.currentRoute();
    String path = route != null && route.getPath() != null ? route.getPath() : ctx.request().path();
    return tracing.tracer().spanBuilder("command " + ctx.request().method().name() + " " + path)
      .setParent(TraceContexts.of(ctx))
      .setAttribute("honostar.command", path)
      .setAttribute("honostar.request_id", RequestId.of(ctx))
      .startSpan();
  }

  public static void end(Span span, AsyncResult<?> result) {
    if (result.failed() && result.cause() instanceof ValidationException) {
      span.setAttribute("honostar.invalid_input", true);
      span.end();
      return;
    }
    TraceContexts.end(span, result);
  }
}
