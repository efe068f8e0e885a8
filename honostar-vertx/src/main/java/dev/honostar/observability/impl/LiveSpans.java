package dev.honostar.observability.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.AsyncResult;

/**
 * The spans of the live hub: a render (query and templates) and a fan-out (handing the bytes to every event loop with
 * tabs), each a child of the span that published the event, so they join the command's trace on every node. Renders
 * without an event (a tab joining a view) are not traced. Internal API.
 */
public final class LiveSpans {

  private LiveSpans() {
  }

  /** @return the started render span, or an invalid (no-op) one when nothing is traced */
  public static Span render(Tracing tracing, DomainEvent event, String page, boolean perViewer) {
    if (event == null || !tracing.enabled()) {
      return Span.getInvalid();
    }
    return start(tracing.tracer(), "render " + event.topic(), event)
      .setAttribute("honostar.page", page)
      .setAttribute("honostar.per_viewer", perViewer);
  }

  /** @return the started fan-out span, or an invalid (no-op) one when nothing is traced */
  public static Span fanOut(Tracing tracing, DomainEvent event, int connections, int eventLoops) {
    if (event == null || !tracing.enabled()) {
      return Span.getInvalid();
    }
    return start(tracing.tracer(), "fan-out " + event.topic(), event)
      .setAttribute("honostar.connections", connections)
      .setAttribute("honostar.event_loops", eventLoops);
  }

  /** Ends {@code span}, marked as an error when {@code result} failed. */
  public static void end(Span span, AsyncResult<?> result) {
    TraceContexts.end(span, result);
  }

  private static Span start(Tracer tracer, String name, DomainEvent event) {
    return tracer.spanBuilder(name)
      .setParent(TraceContexts.fromHeaders(event.traceContext()))
      .setAttribute("honostar.topic", event.topic().name())
      .setAttribute("honostar.event", event.name())
      .setAttribute("honostar.origin", event.origin())
      .startSpan();
  }
}
