package dev.honostar.it;

import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.PatchSignals;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;

import java.util.Map;

/** An application-owned source: a tick every 20 ms; records whether the framework released it. */
final class TickSource implements ReadStream<DatastarEvent> {

  private final Vertx vertx;
  private final long timer;
  private Handler<DatastarEvent> handler;
  private boolean paused;
  private long n;
  volatile boolean released;

  TickSource(Vertx vertx) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(20, id -> {
      if (handler != null && !paused) {
        handler.handle(PatchSignals.of(Map.of("tick", n++)));
      }
    });
  }

  @Override
  public ReadStream<DatastarEvent> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<DatastarEvent> handler(Handler<DatastarEvent> handler) {
    this.handler = handler;
    if (handler == null) {
      released = true;
      vertx.cancelTimer(timer);
    }
    return this;
  }

  @Override
  public ReadStream<DatastarEvent> pause() {
    paused = true;
    return this;
  }

  @Override
  public ReadStream<DatastarEvent> resume() {
    paused = false;
    return this;
  }

  @Override
  public ReadStream<DatastarEvent> fetch(long amount) {
    return resume();
  }

  @Override
  public ReadStream<DatastarEvent> endHandler(Handler<Void> endHandler) {
    return this;
  }
}
