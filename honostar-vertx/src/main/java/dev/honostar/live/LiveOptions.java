package dev.honostar.live;

import dev.honostar.protocol.SseCompression;
import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Options of live updates: the stream endpoint, heartbeats, connection lifetime, draining,
 * coalescing and slow-consumer limits.
 *
 * <pre>{@code
 * new LiveOptions().setHeartbeatMillis(15_000).setCoalesceMillis(20);
 * }</pre>
 */
public class LiveOptions {

  public static final String DEFAULT_EVENTS_PATH = "/_/events";
  public static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
  /** Streams are closed after this long (plus jitter) so load rebalances across nodes. */
  public static final long DEFAULT_MAX_LIFETIME_MILLIS = 30 * 60_000;
  public static final double DEFAULT_LIFETIME_JITTER = 0.2;
  public static final long DEFAULT_DRAIN_MILLIS = 10_000;
  public static final long DEFAULT_COALESCE_MILLIS = 10;
  /** A connection that cannot take a write for this long is closed; it heals on reconnect. */
  public static final long DEFAULT_SLOW_CONSUMER_MILLIS = 30_000;
  /** What a stream may hold back in the socket layer before patches are superseded instead. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;
  /**
   * Renders a node keeps for tabs that join a view (least recently used first out). Views with
   * tabs keep rendering per event whatever the bound; an evicted one renders again for the
   * next tab that joins it.
   */
  public static final int DEFAULT_MAX_CACHED_VIEWS = 1024;
  /** One-off effects ({@code LiveEffects}) a node keeps per topic for reconnecting tabs; 0 keeps none. */
  public static final int DEFAULT_REPLAY_EVENTS = 100;
  /** How long a node keeps one-off effects for reconnecting tabs. */
  public static final long DEFAULT_REPLAY_MILLIS = 60_000;
  /** Off unless turned on: {@code HonoStarOptions} turns it on outside production. */
  public static final boolean DEFAULT_WARN_UNQUERIED_TOPICS = false;

  private String eventsPath = DEFAULT_EVENTS_PATH;
  private long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;
  private long maxLifetimeMillis = DEFAULT_MAX_LIFETIME_MILLIS;
  private double lifetimeJitter = DEFAULT_LIFETIME_JITTER;
  private long drainMillis = DEFAULT_DRAIN_MILLIS;
  private long coalesceMillis = DEFAULT_COALESCE_MILLIS;
  private long slowConsumerMillis = DEFAULT_SLOW_CONSUMER_MILLIS;
  private int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
  private int maxCachedViews = DEFAULT_MAX_CACHED_VIEWS;
  private int replayEvents = DEFAULT_REPLAY_EVENTS;
  private long replayMillis = DEFAULT_REPLAY_MILLIS;
  private SseCompression compression = new SseCompression();
  private boolean warnUnqueriedTopics = DEFAULT_WARN_UNQUERIED_TOPICS;

  /** JSON keys and {@code HONOSTAR_LIVE_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<LiveOptions> SCHEMA = OptionsSchema.builder("live", LiveOptions::new)
    .string("eventsPath", LiveOptions::getEventsPath, LiveOptions::setEventsPath, "Path of the live stream endpoint.")
    .millis("heartbeatMillis", LiveOptions::getHeartbeatMillis, LiveOptions::setHeartbeatMillis,
      "Interval of heartbeat comments on idle streams; 0 turns them off.")
    .deprecated("HONOSTAR_LIVE_HEARTBEAT_MILLIS")
    .millis("maxLifetimeMillis", LiveOptions::getMaxLifetimeMillis, LiveOptions::setMaxLifetimeMillis,
      "Streams are closed after this long plus jitter (0: never), so load rebalances across nodes.")
    .deprecated("HONOSTAR_LIVE_MAX_LIFETIME_MILLIS")
    .decimal("lifetimeJitter", LiveOptions::getLifetimeJitter, LiveOptions::setLifetimeJitter,
      "Fraction of the lifetime added at random (0..1).")
    .millis("drainMillis", LiveOptions::getDrainMillis, LiveOptions::setDrainMillis,
      "On shutdown, open streams are closed spread over this window.")
    .deprecated("HONOSTAR_LIVE_DRAIN_MILLIS")
    .millis("coalesceMillis", LiveOptions::getCoalesceMillis, LiveOptions::setCoalesceMillis,
      "At most one render per window: the first event after a quiet window renders at once, events within it (or during a render) cause one more.")
    .deprecated("HONOSTAR_LIVE_COALESCE_MILLIS")
    .millis("slowConsumerMillis", LiveOptions::getSlowConsumerMillis, LiveOptions::setSlowConsumerMillis,
      "A connection that cannot take a write for this long is closed (> 0).")
    .deprecated("HONOSTAR_LIVE_SLOW_CONSUMER_MILLIS")
    .bytes("maxPendingBytes", LiveOptions::getMaxPendingBytes, LiveOptions::setMaxPendingBytes,
      "What a stream may hold back in the socket layer before patches are superseded instead.")
    .integer("maxCachedViews", LiveOptions::getMaxCachedViews, LiveOptions::setMaxCachedViews,
      "Renders kept per node for tabs that join a view, least recently used out; views with tabs still render per event.")
    .integer("replayEvents", LiveOptions::getReplayEvents, LiveOptions::setReplayEvents,
      "One-off effects kept per topic for reconnecting tabs; 0 keeps none.")
    .millis("replayMillis", LiveOptions::getReplayMillis, LiveOptions::setReplayMillis,
      "How long one-off effects are kept for reconnecting tabs.")
    .deprecated("HONOSTAR_LIVE_REPLAY_MILLIS")
    .bool("warnUnqueriedTopics", LiveOptions::isWarnUnqueriedTopics, LiveOptions::setWarnUnqueriedTopics,
      "Warn (once per topic family) when an event is published on a family no page has a query for, or reaches no query of the tabs subscribed to it.")
    .docDefault("true unless production")
    .section("compression", LiveOptions::getCompression, SseCompression.SCHEMA)
    .build();

  public LiveOptions() {
  }

  public LiveOptions(LiveOptions other) {
    this(other.toJson());
  }

  public LiveOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
    validate();
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /**
   * Applies the {@code HONOSTAR_LIVE_*} variables that are set (see {@link #SCHEMA} and
   * docs/configuration.md), e.g. {@code HONOSTAR_LIVE_HEARTBEAT_MS=10000}.
   *
   * @throws IllegalArgumentException naming the variable, when one is malformed or unknown
   */
  public LiveOptions applyEnvironment(Map<String, String> env) {
    SCHEMA.applyEnvironment(this, env);
    validate();
    return this;
  }

  private void validate() {
    if (replayEvents < 0 || replayMillis < 0) {
      throw new IllegalArgumentException("replayEvents and replayMillis must not be negative");
    }
    if (!eventsPath.startsWith("/")) {
      throw new IllegalArgumentException("eventsPath must start with '/': " + eventsPath);
    }
    if (heartbeatMillis < 0 || maxLifetimeMillis < 0 || drainMillis < 0 || coalesceMillis < 0 || slowConsumerMillis <= 0) {
      throw new IllegalArgumentException("live durations must not be negative (slowConsumerMillis > 0)");
    }
    if (lifetimeJitter < 0 || lifetimeJitter > 1) {
      throw new IllegalArgumentException("lifetimeJitter must be between 0 and 1, got " + lifetimeJitter);
    }
    if (maxPendingBytes <= 0) {
      throw new IllegalArgumentException("maxPendingBytes must be > 0");
    }
    if (maxCachedViews < 0) {
      throw new IllegalArgumentException("maxCachedViews must not be negative, got " + maxCachedViews);
    }
  }

  public String getEventsPath() {
    return eventsPath;
  }

  public LiveOptions setEventsPath(String eventsPath) {
    this.eventsPath = eventsPath;
    validate();
    return this;
  }

  public long getHeartbeatMillis() {
    return heartbeatMillis;
  }

  /** Interval of heartbeat comments on idle streams; {@code 0} turns them off. */
  public LiveOptions setHeartbeatMillis(long heartbeatMillis) {
    this.heartbeatMillis = heartbeatMillis;
    validate();
    return this;
  }

  public long getMaxLifetimeMillis() {
    return maxLifetimeMillis;
  }

  /** Closes each stream after this long plus jitter ({@code 0}: never), so clients rebalance. */
  public LiveOptions setMaxLifetimeMillis(long maxLifetimeMillis) {
    this.maxLifetimeMillis = maxLifetimeMillis;
    validate();
    return this;
  }

  public double getLifetimeJitter() {
    return lifetimeJitter;
  }

  /** Fraction of the lifetime added at random (0..1), so streams opened together do not close together. */
  public LiveOptions setLifetimeJitter(double lifetimeJitter) {
    this.lifetimeJitter = lifetimeJitter;
    validate();
    return this;
  }

  public long getDrainMillis() {
    return drainMillis;
  }

  /** On shutdown, open streams are closed spread over this window. */
  public LiveOptions setDrainMillis(long drainMillis) {
    this.drainMillis = drainMillis;
    validate();
    return this;
  }

  public long getCoalesceMillis() {
    return coalesceMillis;
  }

  /** Events for one topic within this window (and during a render) lead to one render. */
  public LiveOptions setCoalesceMillis(long coalesceMillis) {
    this.coalesceMillis = coalesceMillis;
    validate();
    return this;
  }

  public long getSlowConsumerMillis() {
    return slowConsumerMillis;
  }

  public LiveOptions setSlowConsumerMillis(long slowConsumerMillis) {
    this.slowConsumerMillis = slowConsumerMillis;
    validate();
    return this;
  }

  public int getMaxPendingBytes() {
    return maxPendingBytes;
  }

  public LiveOptions setMaxPendingBytes(int maxPendingBytes) {
    this.maxPendingBytes = maxPendingBytes;
    validate();
    return this;
  }

  public int getMaxCachedViews() {
    return maxCachedViews;
  }

  /** @see #DEFAULT_MAX_CACHED_VIEWS */
  public LiveOptions setMaxCachedViews(int maxCachedViews) {
    this.maxCachedViews = maxCachedViews;
    validate();
    return this;
  }

  public int getReplayEvents() {
    return replayEvents;
  }

  /** @see #DEFAULT_REPLAY_EVENTS */
  public LiveOptions setReplayEvents(int replayEvents) {
    this.replayEvents = replayEvents;
    validate();
    return this;
  }

  public long getReplayMillis() {
    return replayMillis;
  }

  /** @see #DEFAULT_REPLAY_MILLIS */
  public LiveOptions setReplayMillis(long replayMillis) {
    this.replayMillis = replayMillis;
    validate();
    return this;
  }

  public boolean isWarnUnqueriedTopics() {
    return warnUnqueriedTopics;
  }

  /**
   * Whether the app warns, once per topic family, when an event is published on a family no page has a
   * query for or reaches no query of the tabs subscribed to it (a list that never updates otherwise only
   * shows as silence). It costs a lookup per event; {@code HonoStarOptions} turns it on outside production.
   */
  public LiveOptions setWarnUnqueriedTopics(boolean warnUnqueriedTopics) {
    this.warnUnqueriedTopics = warnUnqueriedTopics;
    return this;
  }

  public SseCompression getCompression() {
    return compression;
  }

  /**
   * Compression of live streams (gzip, deflate, brotli), negotiated per stream from
   * {@code Accept-Encoding}; on by default (each event compressed once and shared), see
   * {@link SseCompression} for the modes and the trade-off.
   */
  public LiveOptions setCompression(SseCompression compression) {
    this.compression = compression == null ? new SseCompression() : compression;
    return this;
  }
}
