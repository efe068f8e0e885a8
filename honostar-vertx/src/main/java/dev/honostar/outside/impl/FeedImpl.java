package dev.honostar.outside.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.impl.Backoff;
import dev.honostar.outside.Feed;
import dev.honostar.outside.FeedOptions;
import dev.honostar.outside.PushStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A feed's state lives on one context: the stream's handlers, the publish callbacks and the reconnect timer run there. */
public final class FeedImpl<T> implements Feed {

  private static final Logger log = LoggerFactory.getLogger(FeedImpl.class);

  private final Vertx vertx;
  private final TopicBus bus;
  private final FeedOptions options;
  private final Supplier<Future<? extends ReadStream<T>>> connect;
  private final Function<T, DomainEvent> toEvent;
  private final Backoff backoff;
  private final Context context;
  private final Set<String> fed = new LinkedHashSet<>();
  private ReadStream<T> stream;
  private int inFlight;
  private boolean paused;
  private long attempt;
  private volatile boolean connected;
  private boolean closed;

  public FeedImpl(Vertx vertx, TopicBus bus, FeedOptions options, Supplier<Future<? extends ReadStream<T>>> connect,
                  Function<T, DomainEvent> toEvent) {
    this.vertx = vertx;
    this.bus = bus;
    this.options = new FeedOptions(options.toJson());
    this.connect = connect;
    this.toEvent = toEvent;
    this.backoff = new Backoff(this.options.getReconnectBackoffMin(), this.options.getReconnectBackoffMax());
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> open(started));
    return started.future();
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      ReadStream<T> s = stream;
      stream = null;
      connected = false;
      if (s != null) {
        release(s);
      }
      done.complete();
    });
    return done.future();
  }

  /** Opens the source; {@code started} is the first attempt's promise, null on reconnects. */
  private void open(Promise<Void> started) {
    if (closed) {
      return;
    }
    Future<? extends ReadStream<T>> opening;
    try {
      opening = connect.get();
    } catch (RuntimeException e) {
      opening = Future.failedFuture(e);
    }
    opening.onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed()) {
        if (started != null) {
          closed = true;
          started.fail(new IllegalStateException("Feed " + options.getName() + " cannot open its source: " + ar.cause().getMessage(), ar.cause()));
        } else {
          log.warn("feed {}: reconnect attempt {} failed: {}", options.getName(), attempt, ar.cause().getMessage());
          reconnectLater();
        }
        return;
      }
      if (closed) {
        release(ar.result());
        return;
      }
      attach(ar.result());
      if (started != null) {
        started.complete();
      } else {
        log.info("feed {}: reconnected after {} attempts; resyncing {} topics", options.getName(), attempt, topics().size());
        resync();
      }
      attempt = 0;
    }));
  }

  private void attach(ReadStream<T> s) {
    stream = s;
    connected = true;
    inFlight = 0;
    paused = false;
    s.exceptionHandler(err -> {
      if (err instanceof PushStream.OverflowException) {
        log.warn("feed {}: {}; resyncing", options.getName(), err.getMessage());
        resync();
      } else {
        log.warn("feed {}: source failed: {}", options.getName(), err.getMessage());
        lost(s);
      }
    });
    s.endHandler(v -> lost(s));
    s.handler(item -> onItem(s, item));
  }

  private void onItem(ReadStream<T> s, T item) {
    DomainEvent event;
    try {
      event = toEvent.apply(item);
    } catch (RuntimeException e) {
      log.warn("feed {}: skipped an item it could not map: {}", options.getName(), e.getMessage());
      return;
    }
    if (event == null) {
      return;
    }
    fed.add(event.topic().name());
    publish(s, event);
  }

  private void publish(ReadStream<T> s, DomainEvent event) {
    inFlight++;
    if (inFlight >= options.getMaxInFlight() && !paused) {
      paused = true;
      s.pause();
    }
    bus.publish(event).onComplete(ar -> context.runOnContext(v -> {
      inFlight--;
      if (ar.failed()) {
        log.warn("feed {}: the bus did not take {} on {}: {}", options.getName(), event.name(), event.topic(), ar.cause().getMessage());
      }
      // Resume at half, so a busy source is not paused and resumed on every event.
      if (paused && inFlight <= options.getMaxInFlight() / 2 && stream == s) {
        paused = false;
        s.resume();
      }
    }));
  }

  private void lost(ReadStream<T> s) {
    if (stream != s) {
      return;
    }
    stream = null;
    connected = false;
    release(s);
    if (!closed) {
      log.warn("feed {}: source lost; reconnecting", options.getName());
      reconnectLater();
    }
  }

  private void reconnectLater() {
    long delay = backoff.delay(attempt++);
    vertx.setTimer(delay, id -> context.runOnContext(v -> open(null)));
  }

  private Set<String> topics() {
    Set<String> all = new LinkedHashSet<>(options.getTopics());
    all.addAll(fed);
    return all;
  }

  /** Tells every node to re-render the topics this feed serves: events may have been missed. */
  private void resync() {
    for (String topic : topics()) {
      bus.publish(DomainEvent.of(topic, RESYNC)).onFailure(err ->
        log.warn("feed {}: resync of {} not published: {}", options.getName(), topic, err.getMessage()));
    }
  }

  private void release(ReadStream<T> s) {
    s.handler(null);
    s.exceptionHandler(null);
    s.endHandler(null);
    if (s instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("feed {}: closing the source failed: {}", options.getName(), e.getMessage());
      }
    }
  }
}
