package ${package};

import dev.honostar.bus.Topic;

import java.util.concurrent.atomic.AtomicLong;

/** The app's state: one count (in memory), and the topic its changes are published to. */
public final class Counter {

  /** Every tab showing the count subscribes to it. */
  public static final Topic TOPIC = Topic.of("counter");

  private final AtomicLong count = new AtomicLong();

  public long get() {
    return count.get();
  }

  public long increment() {
    return count.incrementAndGet();
  }
}
