package dev.honostar.impl;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

import java.util.function.Function;

/**
 * A read stream's items turned into others one by one, with the source's flow control (pause,
 * resume, fetch), end and failures. A mapping that throws fails the stream, and the source is
 * paused so nothing more arrives.
 */
final class MappedReadStream<T, R> implements ReadStream<R> {

  private final ReadStream<T> source;
  private final Function<? super T, ? extends R> mapping;
  private Handler<Throwable> exceptionHandler;
  private Throwable failure;

  MappedReadStream(ReadStream<T> source, Function<? super T, ? extends R> mapping) {
    this.source = source;
    this.mapping = mapping;
  }

  @Override
  public ReadStream<R> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler == null ? null : this::fail);
    return this;
  }

  /** @return how the source or the mapping failed, or null */
  Throwable failure() {
    return failure;
  }

  private void fail(Throwable err) {
    failure = err;
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(err);
    }
  }

  @Override
  public ReadStream<R> handler(Handler<R> handler) {
    if (handler == null) {
      // A null handler is how a pipe releases its source (an event-bus consumer unregisters).
      source.handler(null);
      return this;
    }
    source.handler(item -> {
      R mapped;
      try {
        mapped = mapping.apply(item);
      } catch (RuntimeException e) {
        source.pause();
        fail(e);
        return;
      }
      handler.handle(mapped);
    });
    return this;
  }

  @Override
  public ReadStream<R> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<R> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<R> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<R> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
