package dev.honostar.outside;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * A {@link ReadStream} over a source that pushes and cannot be paused (a PostgreSQL notification handler, a NATS
 * dispatcher): while paused it queues up to {@code bufferSize} items; past that it drops them and reports an
 * {@link OverflowException} to its exception handler, which a {@link Feed} answers with a resync of its topics (fat
 * patches heal what the dropped events would have changed). Call {@link #push}, {@link #end} and {@link #fail} from
 * any thread; handlers run on the stream's context.
 *
 * <pre>{@code
 * PushStream<Message> stream = new PushStream<>(vertx.getOrCreateContext(), 4096);
 * Dispatcher d = nats.createDispatcher(stream::push);
 * d.subscribe("orders.changed");
 * }</pre>
 */
public final class PushStream<T> implements ReadStream<T>, AutoCloseable {

  /** Items were dropped because the stream was paused too long. */
  public static final class OverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OverflowException(int dropped) {
      super(dropped + " events dropped while the feed was paused", null, false, false);
    }
  }

  private final Context context;
  private final int bufferSize;
  private final ArrayDeque<T> queue = new ArrayDeque<>(); // on context
  private long demand = Long.MAX_VALUE; // on context
  private int dropped; // on context
  private boolean ended; // on context
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private volatile Runnable onClose;

  public PushStream(Context context, int bufferSize) {
    this.context = context;
    this.bufferSize = bufferSize;
  }

  /** Offers an item; from any thread. */
  public void push(T item) {
    context.runOnContext(v -> {
      if (ended) {
        return;
      }
      if (demand > 0 && queue.isEmpty() && handler != null) {
        consumed();
        handler.handle(item);
      } else if (queue.size() < bufferSize) {
        queue.add(item);
      } else {
        dropped++;
      }
    });
  }

  /** Sets what releases the source when the stream's reader {@link #close() closes} it (a feed that stops). */
  public PushStream<T> onClose(Runnable onClose) {
    this.onClose = onClose;
    return this;
  }

  /** Drops what is queued, ignores further pushes and releases the source. */
  @Override
  public void close() {
    context.runOnContext(v -> {
      ended = true;
      queue.clear();
      endHandler = null;
    });
    Runnable r = onClose;
    if (r != null) {
      r.run();
    }
  }

  /** Ends the stream (the source closed); from any thread. */
  public void end() {
    context.runOnContext(v -> {
      if (!ended) {
        ended = true;
        drain();
      }
    });
  }

  /** Ends the stream with a failure (the source failed); from any thread. */
  public void fail(Throwable cause) {
    context.runOnContext(v -> {
      if (exceptionHandler != null) {
        exceptionHandler.handle(cause);
      }
      end();
    });
  }

  private void consumed() {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
  }

  private void drain() {
    while (demand > 0 && !queue.isEmpty() && handler != null) {
      consumed();
      handler.handle(queue.poll());
    }
    if (dropped > 0 && queue.isEmpty() && exceptionHandler != null) {
      int n = dropped;
      dropped = 0;
      exceptionHandler.handle(new OverflowException(n));
    }
    if (ended && queue.isEmpty() && endHandler != null) {
      Handler<Void> h = endHandler;
      endHandler = null;
      h.handle(null);
    }
  }

  @Override
  public PushStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public PushStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public PushStream<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public PushStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public PushStream<T> fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public PushStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    context.runOnContext(v -> drain());
    return this;
  }
}
