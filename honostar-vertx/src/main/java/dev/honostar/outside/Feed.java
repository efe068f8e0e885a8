package dev.honostar.outside;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.outside.impl.FeedImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Publishes what an outside source says as domain events on the bus, so live regions re-render on every node.
 *
 * <p>The source is opened by {@code connect}, which returns a fresh {@link ReadStream} each time: when the stream
 * ends or fails (the broker or database went away), the feed opens it again with exponential backoff and jitter,
 * then publishes a {@link #RESYNC} event on every topic it fed before and on {@link FeedOptions#getTopics()}, so
 * that every node re-renders what the gap may have left stale. Backpressure: the stream is paused while
 * {@link FeedOptions#getMaxInFlight() maxInFlight} publishes wait for the broker. Items {@code toEvent} maps to
 * {@code null} are skipped; an item it cannot map (an exception) is logged and skipped.
 *
 * <pre>{@code
 * // a Vert.x event-bus address: other verticles (or a bridge) send JSON there
 * Feed.create(vertx, bus, new FeedOptions().setName("orders"),
 *     () -> Future.succeededFuture(vertx.eventBus().<JsonObject>consumer("orders.changed").bodyStream()),
 *     json -> DomainEvent.of("orders", "order-changed", json))
 *   .start();
 * }</pre>
 *
 * @see PgNotifications for PostgreSQL {@code LISTEN/NOTIFY}
 */
public interface Feed {

  /** The name of the event published on a topic after a gap: "re-read everything". */
  String RESYNC = "honostar.resync";

  /**
   * @param connect opens the source, once at start and again after each end or failure
   * @param toEvent maps an item to an event (its id, when set, lets nodes drop copies published by other feeds)
   */
  static <T> Feed create(Vertx vertx, TopicBus bus, FeedOptions options, Supplier<Future<? extends ReadStream<T>>> connect,
                         Function<T, DomainEvent> toEvent) {
    return new FeedImpl<>(vertx, bus, options, connect, toEvent);
  }

  /**
   * Opens the source; the future completes when it is open the first time, and fails (the feed is then closed) if
   * that first attempt fails: a misconfigured source is reported at startup, not retried forever.
   */
  Future<Void> start();

  /** @return whether the source is open now */
  boolean connected();

  /** Stops reading and reconnecting. */
  Future<Void> close();
}
