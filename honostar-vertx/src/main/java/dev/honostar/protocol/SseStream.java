package dev.honostar.protocol;

import dev.honostar.protocol.impl.SseStreamImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.RoutingContext;

/**
 * A server-sent event stream on a Vert.x response, speaking Datastar's protocol: a
 * {@link WriteStream} of effects, so any {@link io.vertx.core.streams.ReadStream} of them is
 * sent with {@code source.pipeTo(sse)}.
 *
 * <p>Creating it answers {@code 200} with {@code Content-Type: text/event-stream},
 * {@code Cache-Control: no-cache} and, on HTTP/1.1 only, {@code Connection: keep-alive}, and
 * sends the headers at once. Each effect is written as one event.
 *
 * <p><b>Backpressure.</b> While the socket's write queue is full, {@link #writeQueueFull()}
 * says so and events written anyway are held back up to {@link SseOptions#getMaxPendingBytes()};
 * past that the stream closes as a slow consumer and the pending futures fail with
 * {@link SlowConsumerException}. A pipe (or any writer that stops while the queue is full)
 * waits for {@link #drainHandler(Handler)}; callers that can drop superseded work (as the live
 * hub does) do the same and keep only the latest.
 *
 * <p><b>Closing.</b> {@link #end()} ends the response once the held back events are written.
 * Any other close — the client went away ({@link io.vertx.core.http.HttpClosedException}, or
 * the socket's {@code IOException} when a write found it broken first), it was too slow ({@link SlowConsumerException}), {@link #close()}, or a write failed — is
 * reported once to the {@link #exceptionHandler(Handler)}, so a pipe into this stream stops
 * and releases its source; {@link #closeHandler(Handler)} is called on every close.
 *
 * <p>Use a stream from the context of its request (the event loop that received it).
 *
 * <pre>{@code
 * router.get("/clock").handler(ctx -> {
 *   SseStream sse = SseStream.create(ctx);
 *   sse.write(PatchElements.of("<time id=\"now\">" + Instant.now() + "</time>"))
 *      .onComplete(done -> sse.end());
 * });
 * }</pre>
 */
public interface SseStream extends WriteStream<DatastarEvent> {

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

  /**
   * Sends one Datastar effect as one event. The future completes once it was handed to the
   * socket and fails if the stream is closed or the client is too slow.
   */
  @Override
  default Future<Void> write(DatastarEvent event) {
    return write(event.toSseEvent());
  }

  /** Sends an event encoded already (e.g. one shared by many streams), like {@link #write(DatastarEvent)}. */
  Future<Void> write(SseEvent event);

  /** Writes a heartbeat comment now, unless the socket has no room (then it is skipped). */
  SseStream heartbeat();

  /** @return whether the socket cannot take more now (or events are held back), or the stream is closed */
  @Override
  boolean writeQueueFull();

  /** Sets the response's write queue size (bytes), after which {@link #writeQueueFull()} is true. */
  @Override
  SseStream setWriteQueueMaxSize(int maxSize);

  /** @return bytes held back because the socket was full */
  int pendingBytes();

  /** Called once the socket drained and nothing is held back any more. */
  @Override
  SseStream drainHandler(Handler<Void> handler);

  /** Called once when the stream closes other than by {@link #end()}, with why (see the class comment). */
  @Override
  SseStream exceptionHandler(Handler<Throwable> handler);

  /** Called once when the stream closes, whoever closed it. */
  SseStream closeHandler(Handler<Void> handler);

  /** @return whether the stream is closed (ended, reset, or the client went away) */
  boolean isClosed();

  /** Ends the response once the held back events are written. */
  @Override
  Future<Void> end();

  /** Closes the connection at once, dropping anything held back. */
  void close();
}
