package dev.honostar.protocol;

import dev.honostar.protocol.impl.SseStreamImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A server-sent event stream on a Vert.x response, speaking Datastar's protocol.
 *
 * <p>Creating it answers {@code 200} with {@code Content-Type: text/event-stream},
 * {@code Cache-Control: no-cache} and, on HTTP/1.1 only, {@code Connection: keep-alive}, and
 * sends the headers at once. Each event is written as one unit.
 *
 * <p><b>Backpressure.</b> While the socket's write queue is full, events are held back up to
 * {@link SseOptions#getMaxPendingBytes()}; past that the stream closes as a slow consumer
 * and the pending futures fail with {@link SlowConsumerException}. Callers that can drop
 * superseded work (as the live hub does) check {@link #writeQueueFull()} and wait for
 * {@link #drainHandler(Handler)} instead.
 *
 * <p>Use a stream from the context of its request (the event loop that received it).
 *
 * <pre>{@code
 * router.get("/clock").handler(ctx -> {
 *   SseStream sse = SseStream.create(ctx);
 *   sse.send(PatchElements.of("<time id=\"now\">" + Instant.now() + "</time>"))
 *      .onComplete(done -> sse.end());
 * });
 * }</pre>
 */
public interface SseStream {

  /** Opens a stream on the request's response with default options (no heartbeat). */
  static SseStream create(RoutingContext ctx) {
    return create(ctx.request(), new SseOptions());
  }

  /** Opens a stream on the request's response with the given options. */
  static SseStream create(RoutingContext ctx, SseOptions options) {
    return create(ctx.request(), options);
  }

  /** Opens a stream on the request's response (the HTTP version decides the headers). */
  static SseStream create(HttpServerRequest request, SseOptions options) {
    return new SseStreamImpl(request, new SseOptions(options));
  }

  /** Sends one Datastar effect as one event. */
  default Future<Void> send(DatastarEvent event) {
    return send(event.toSseEvent());
  }

  /**
   * Sends an encoded event. The future completes once it was handed to the socket and fails
   * if the stream is closed or the client is too slow.
   */
  Future<Void> send(SseEvent event);

  /** Writes a heartbeat comment now, unless the socket has no room (then it is skipped). */
  SseStream heartbeat();

  /** @return whether the socket cannot take more now (or events are held back) */
  boolean writeQueueFull();

  /** @return bytes held back because the socket was full */
  int pendingBytes();

  /** Called once the socket drained and nothing is held back any more. */
  SseStream drainHandler(Handler<Void> handler);

  /** Called once when the stream closes, whoever closed it. */
  SseStream closeHandler(Handler<Void> handler);

  /** @return whether the stream is closed (ended, reset, or the client went away) */
  boolean isClosed();

  /** Ends the response once the held back events are written. */
  Future<Void> end();

  /** Closes the connection at once, dropping anything held back. */
  void close();
}
