package dev.honostar.live.impl;

import dev.honostar.protocol.SseEvent;
import dev.honostar.protocol.SseStream;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.concurrent.atomic.AtomicInteger;

/** An SSE stream without a socket: counts heartbeats, can pretend to be full. */
final class FakeSse implements SseStream {
  final AtomicInteger heartbeats = new AtomicInteger();
  volatile boolean full;
  volatile boolean closed;
  volatile boolean ended;
  /** What was written, in order. */
  final java.util.List<SseEvent> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Handler<Void> closeHandler;
  private Handler<Void> drainHandler;

  @Override
  public Future<Void> write(SseEvent event) {
    sent.add(event);
    return Future.succeededFuture();
  }

  /** The socket has room again: as the real stream does, calls the drain handler. */
  void drain() {
    full = false;
    if (drainHandler != null) {
      drainHandler.handle(null);
    }
  }

  @Override
  public SseStream heartbeat() {
    heartbeats.incrementAndGet();
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return full;
  }

  @Override
  public int pendingBytes() {
    return 0;
  }

  @Override
  public SseStream setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public SseStream exceptionHandler(Handler<Throwable> handler) {
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
    ended = true;
    close();
    return Future.succeededFuture();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (closeHandler != null) {
        closeHandler.handle(null);
      }
    }
  }
}
