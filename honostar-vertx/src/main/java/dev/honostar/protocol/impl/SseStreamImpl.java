package dev.honostar.protocol.impl;

import dev.honostar.protocol.SlowConsumerException;
import dev.honostar.protocol.SseEvent;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.SseStream;
import dev.honostar.protocol.compression.SseCompressor;
import dev.honostar.protocol.compression.SseCompressors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

import java.util.ArrayDeque;

/** The {@link SseStream} on a Vert.x response. Not thread-safe: use it on its request's context. */
public final class SseStreamImpl implements SseStream {

  private static final SseEvent HEARTBEAT = SseEvent.comment("");

  private final HttpServerResponse response;
  private final SseOptions options;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int pendingBytes;
  private boolean closed;
  private boolean ending;
  private final Vertx vertx;
  private long heartbeatTimer = -1;
  private Handler<Void> drainHandler;
  private Handler<Void> closeHandler;
  private Handler<Throwable> exceptionHandler;
  /** This stream's own compressor, or null: each connection compresses the shared bytes itself. */
  private SseCompressor compressor;

  private record Pending(SseEvent event, Promise<Void> promise) {
  }

  public SseStreamImpl(HttpServerRequest request, SseOptions options) {
    this.response = request.response();
    this.options = options;
    response.setStatusCode(200);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    HttpVersion version = request.version();
    if (version == HttpVersion.HTTP_1_1) {
      response.putHeader(HttpHeaders.CONNECTION, "keep-alive");
    }
    if (version != HttpVersion.HTTP_2) {
      response.setChunked(true);
    }
    String encoding = SseCompressors.negotiate(request.getHeader(HttpHeaders.ACCEPT_ENCODING), options.getCompression());
    if (options.getCompression() != null && options.getCompression().isEnabled()) {
      response.putHeader(HttpHeaders.VARY, "Accept-Encoding");
    }
    if (encoding != null) {
      compressor = SseCompressors.create(encoding, options.getCompression());
      response.putHeader(HttpHeaders.CONTENT_ENCODING, encoding);
    }
    // Not endHandler: vertx-web keeps its own there (RoutingContext.addEndHandler, access logs);
    // a normal end is seen through the futures of our own end() calls instead.
    response.closeHandler(v -> onClosed(new HttpClosedException("the client closed the SSE stream")));
    response.exceptionHandler(this::onClosed);
    response.drainHandler(v -> flushPending());
    // Flush the headers at once so proxies and the browser see the stream open.
    response.writeHead();
    this.vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
    if (options.getHeartbeatMillis() > 0) {
      if (vertx == null) {
        throw new IllegalStateException("heartbeats need a Vert.x context: create the stream in a request handler");
      }
      heartbeatTimer = vertx.setPeriodic(options.getHeartbeatMillis(), id -> heartbeat());
    }
  }

  @Override
  public Future<Void> write(SseEvent event) {
    if (closed || ending) {
      return Future.failedFuture(new IllegalStateException("SSE stream is closed"));
    }
    if (pending.isEmpty() && !response.writeQueueFull()) {
      return toSocket(event);
    }
    if (pendingBytes + event.length() > options.getMaxPendingBytes()) {
      SlowConsumerException err = new SlowConsumerException(
        "client did not read " + (pendingBytes + event.length()) + " bytes; closing its stream");
      failPending(err);
      close(err);
      return Future.failedFuture(err);
    }
    Promise<Void> promise = Promise.promise();
    pending.add(new Pending(event, promise));
    pendingBytes += event.length();
    return promise.future();
  }

  private void flushPending() {
    while (!pending.isEmpty() && !response.writeQueueFull() && !closed) {
      Pending p = pending.poll();
      pendingBytes -= p.event.length();
      toSocket(p.event).onComplete(p.promise);
    }
    if (pending.isEmpty() && !closed) {
      if (ending) {
        endResponse();
        return;
      }
      Handler<Void> h = drainHandler;
      if (h != null && !response.writeQueueFull()) {
        h.handle(null);
      }
    }
  }

  @Override
  public SseStream heartbeat() {
    if (!closed && !ending && pending.isEmpty() && !response.writeQueueFull()) {
      toSocket(HEARTBEAT);
    }
    return this;
  }

  /** Writes to the socket, through this stream's compressor (compressed and flushed) if it has one. */
  private Future<Void> toSocket(SseEvent event) {
    return response.write(compressor == null ? event.buffer() : compressor.compress(event));
  }

  /** Ends the response (with the compressor's trailer) and then runs the close path. */
  private Future<Void> endResponse() {
    Future<Void> ended;
    if (compressor == null) {
      ended = response.end();
    } else {
      Buffer trailer = compressor.finish();
      ended = trailer.length() == 0 ? response.end() : response.end(trailer);
    }
    return ended.onComplete(v -> onClosed(null));
  }

  @Override
  public boolean writeQueueFull() {
    return closed || !pending.isEmpty() || response.writeQueueFull();
  }

  @Override
  public int pendingBytes() {
    return pendingBytes;
  }

  @Override
  public SseStream setWriteQueueMaxSize(int maxSize) {
    response.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public SseStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public SseStream drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  @Override
  public SseStream closeHandler(Handler<Void> handler) {
    this.closeHandler = handler;
    return this;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Future<Void> end() {
    if (closed) {
      return Future.succeededFuture();
    }
    if (pending.isEmpty()) {
      ending = true;
      return endResponse();
    }
    ending = true;
    Promise<Void> done = Promise.promise();
    Handler<Void> previous = closeHandler;
    closeHandler = v -> {
      done.tryComplete();
      if (previous != null) {
        previous.handle(null);
      }
    };
    return done.future();
  }

  @Override
  public void close() {
    close(new HttpClosedException("the SSE stream was closed"));
  }

  private void close(Throwable why) {
    if (!closed) {
      response.reset();
      onClosed(why);
    }
  }

  /** @param why null when the stream ended normally; else told to the exception handler */
  private void onClosed(Throwable why) {
    if (closed) {
      return;
    }
    closed = true;
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
    if (compressor != null) {
      compressor.close();
    }
    failPending(new IllegalStateException("SSE stream is closed"));
    Handler<Throwable> eh = exceptionHandler;
    if (why != null && eh != null) {
      eh.handle(why);
    }
    Handler<Void> h = closeHandler;
    if (h != null) {
      h.handle(null);
    }
  }

  private void failPending(Throwable err) {
    Pending p;
    while ((p = pending.poll()) != null) {
      p.promise.tryFail(err);
    }
    pendingBytes = 0;
  }
}
