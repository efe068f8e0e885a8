package dev.honostar.impl;

import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.SseStream;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/** An app stream ({@code HonoStar.stream}): each GET pipes a new source into an SSE stream. */
final class AppStream {

  private static final Logger log = LoggerFactory.getLogger(AppStream.class);

  private final String path;
  private final Function<RoutingContext, ? extends ReadStream<?>> source;
  private final Function<Object, ? extends DatastarEvent> toEvent;

  /** @param toEvent turns the source's items into effects */
  AppStream(String path, Function<RoutingContext, ? extends ReadStream<?>> source, Function<Object, ? extends DatastarEvent> toEvent) {
    this.path = path;
    this.source = source;
    this.toEvent = toEvent;
  }

  String path() {
    return path;
  }

  @SuppressWarnings("unchecked")
  void serve(RoutingContext ctx, SseOptions options) {
    ReadStream<Object> source;
    try {
      source = (ReadStream<Object>) this.source.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    SseStream sse = SseStream.create(ctx, options);
    // The pipe pauses the source while the client is slow and resumes it on drain, ends the
    // stream when the source ends or fails, and releases the source (a null handler, which
    // also unregisters an event-bus consumer's body stream) when the client goes away.
    MappedReadStream<Object, DatastarEvent> events = new MappedReadStream<>(source, toEvent);
    events.pipeTo(sse).onComplete(done -> {
      // The client going away also fails the pipe; only the source's own failure is worth a warning.
      if (events.failure() != null) {
        log.warn("Stream source of {} failed: {}", path, events.failure().getMessage());
      }
      if (source instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("Closing the stream source of {} failed: {}", path, e.getMessage());
        }
      }
    });
  }
}
