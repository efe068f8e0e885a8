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

  void serve(RoutingContext ctx, SseOptions options) {
    ReadStream<?> source;
    try {
      source = this.source.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    SseStream sse = SseStream.create(ctx, options);
    source.handler(event -> {
      sse.send(toEvent.apply(event));
      if (sse.writeQueueFull()) {
        source.pause();
      }
    });
    sse.drainHandler(v -> source.resume());
    source.exceptionHandler(err -> {
      log.warn("Stream source of {} failed: {}", path, err.getMessage());
      sse.end();
    });
    source.endHandler(v -> sse.end());
    sse.closeHandler(v -> {
      // Release the source: a null handler also unregisters an event-bus consumer's body stream.
      source.handler(null);
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
