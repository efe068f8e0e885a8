package dev.honostar.examples.hello;

import dev.honostar.bus.Topic;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's state: one count, and the topic every tab on the page subscribes to. In memory, so
 * each node counts on its own; the issue tracker example keeps state in a database.
 */
public final class Counter {

  /** Published to when the count changes. */
  public static final Topic TOPIC = Topic.of("counter");

  private final AtomicLong count = new AtomicLong();

  /** @return the count */
  public long get() {
    return count.get();
  }

  /** @return the count after adding one */
  public long increment() {
    return count.incrementAndGet();
  }
}
