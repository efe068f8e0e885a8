package dev.honostar.bus;

import io.vertx.core.Future;

/**
 * A handler registered on one topic of a {@link TopicBus}.
 *
 * <pre>{@code
 * bus.subscribe(Topic.of("board", 42), ev -> render(ev))
 *   .onSuccess(sub -> connection.closeHandler(v -> sub.unsubscribe()));
 * }</pre>
 */
public interface TopicSubscription {

  /** The topic this subscription listens to. */
  Topic topic();

  /**
   * Stops delivery to this subscription's handler: no event is handed to it after this call returns, even if one is
   * already queued. Unsubscribing twice is harmless. The future completes when the broker subscription (if this was
   * the node's last subscriber of the topic) has been released.
   */
  Future<Void> unsubscribe();
}
