package dev.honostar.outside;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link Feed}. {@link #applyEnvironment(Map, String)} reads {@code <PREFIX>_NAME},
 * {@code <PREFIX>_MAX_IN_FLIGHT}, {@code <PREFIX>_BUFFER_SIZE}, {@code <PREFIX>_RECONNECT_BACKOFF_MIN_MS},
 * {@code <PREFIX>_RECONNECT_BACKOFF_MAX_MS} and {@code <PREFIX>_TOPICS} (comma-separated); the older
 * {@code _BUFFER}, {@code _RECONNECT_MIN_MS}, {@code _RECONNECT_MAX_MS} still work.
 *
 * <pre>{@code
 * FeedOptions options = new FeedOptions().setName("orders").addTopic("orders")
 *   .applyEnvironment(System.getenv(), "ORDERS_FEED");
 * }</pre>
 */
public class FeedOptions {

  /** Default name, for logs. */
  public static final String DEFAULT_NAME = "feed";
  /** Default number of events published and not yet accepted by the broker before the source is paused. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  /** Default number of events a push source (one that cannot pause) may queue before it drops and resyncs. */
  public static final int DEFAULT_BUFFER_SIZE = 4_096;
  /** Default first reconnect delay, in milliseconds. */
  public static final long DEFAULT_RECONNECT_BACKOFF_MIN = 100;
  /** Default largest reconnect delay, in milliseconds. */
  public static final long DEFAULT_RECONNECT_BACKOFF_MAX = 10_000;

  private String name = DEFAULT_NAME;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private int bufferSize = DEFAULT_BUFFER_SIZE;
  private long reconnectBackoffMin = DEFAULT_RECONNECT_BACKOFF_MIN;
  private long reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;
  private final Set<String> topics = new LinkedHashSet<>();

  /** JSON keys and variables, under the prefix the app gives {@link #applyEnvironment(Map, String)}. */
  public static final OptionsSchema<FeedOptions> SCHEMA = OptionsSchema.builder("feed", FeedOptions::new)
    .string("name", FeedOptions::getName, FeedOptions::setName, "Name, for logs.")
    .integer("maxInFlight", FeedOptions::getMaxInFlight, FeedOptions::setMaxInFlight,
      "Events published and not yet accepted by the broker before the source is paused.")
    .integer("bufferSize", FeedOptions::getBufferSize, FeedOptions::setBufferSize,
      "Events a push source may queue before it drops and resyncs.")
    .deprecatedKey("BUFFER")
    .millis("reconnectBackoffMin", FeedOptions::getReconnectBackoffMin, FeedOptions::setReconnectBackoffMin,
      "First reconnect delay; doubles per failed attempt.")
    .deprecatedKey("RECONNECT_MIN_MS")
    .millis("reconnectBackoffMax", FeedOptions::getReconnectBackoffMax, FeedOptions::setReconnectBackoffMax,
      "Largest reconnect delay.")
    .deprecatedKey("RECONNECT_MAX_MS")
    .list("topics", f -> List.copyOf(f.getTopics()), (f, list) -> list.forEach(f::addTopic),
      "Topics resynced after a gap, besides those the feed published on.")
    .build();

  public FeedOptions() {
  }

  /** Reads the keys of {@link #toJson()}. */
  public FeedOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /**
   * Overrides options with the variables {@code <prefix>_…} that are set and not blank (see the class comment).
   *
   * @throws IllegalArgumentException naming the variable, when one is malformed or unknown
   */
  public FeedOptions applyEnvironment(Map<String, String> env, String prefix) {
    return SCHEMA.applyEnvironment(this, env, prefix + "_");
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  public String getName() {
    return name;
  }

  /** A name for logs. */
  public FeedOptions setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  /** Publishes not yet accepted by the broker at most; beyond, the source is paused. At least 1. */
  public FeedOptions setMaxInFlight(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    return this;
  }

  public int getBufferSize() {
    return bufferSize;
  }

  /** Events a {@link PushStream} keeps while paused; past it, it drops them and the feed resyncs. At least 1. */
  public FeedOptions setBufferSize(int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1, not " + bufferSize);
    }
    this.bufferSize = bufferSize;
    return this;
  }

  public long getReconnectBackoffMin() {
    return reconnectBackoffMin;
  }

  /** The first reconnect delay in milliseconds (doubling, with jitter, up to the maximum); at least 1. */
  public FeedOptions setReconnectBackoffMin(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("reconnectBackoffMin must be at least 1, not " + millis);
    }
    this.reconnectBackoffMin = millis;
    return this;
  }

  public long getReconnectBackoffMax() {
    return reconnectBackoffMax;
  }

  /** The largest reconnect delay in milliseconds. */
  public FeedOptions setReconnectBackoffMax(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("reconnectBackoffMax must be at least 1, not " + millis);
    }
    this.reconnectBackoffMax = millis;
    return this;
  }

  /** @return the topics resynced after a gap, besides those the feed published on */
  public Set<String> getTopics() {
    return Set.copyOf(topics);
  }

  /** Adds a topic that gets a {@link Feed#RESYNC} event after a gap even if the feed never published on it yet. */
  public FeedOptions addTopic(String topic) {
    dev.honostar.bus.Topic.of(topic);
    topics.add(topic);
    return this;
  }

}
