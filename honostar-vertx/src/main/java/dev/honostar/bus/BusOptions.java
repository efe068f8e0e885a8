package dev.honostar.bus;

import dev.honostar.bus.impl.Addresses;
import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Configuration of a {@link TopicBus}.
 *
 * <p>The backend is chosen by {@link #resolveKind(boolean)}: an explicit {@link #setKind(BusKind) kind} first; else NATS
 * when a NATS URL is set, Redis when a Redis URL is set, the clustered event bus when Vert.x is clustered, else the
 * local event bus. {@link #applyEnvironment(Map)} reads {@code HONOSTAR_BUS_KIND}, {@code HONOSTAR_BUS_PREFIX},
 * {@code HONOSTAR_BUS_NATS_URL} (then {@code NATS_URL}), {@code HONOSTAR_BUS_REDIS_URL} (then {@code REDIS_URL}),
 * {@code HONOSTAR_BUS_RECONNECT_BACKOFF_MIN_MS}, {@code HONOSTAR_BUS_RECONNECT_BACKOFF_MAX_MS},
 * {@code HONOSTAR_BUS_CONNECT_TIMEOUT_MS} and {@code HONOSTAR_BUS_NODE_ID} ({@link #SCHEMA}); set values override the
 * configured ones.
 *
 * <pre>{@code
 * BusOptions options = new BusOptions(config.getJsonObject("bus", new JsonObject()))
 *   .applyEnvironment(System.getenv());
 * TopicBus.create(vertx, options).onSuccess(bus -> ...);
 * }</pre>
 */
public class BusOptions {

  /** Default prefix of event-bus addresses, Redis channels and NATS subjects. */
  public static final String DEFAULT_PREFIX = "honostar";
  /** Default first reconnect delay, in milliseconds. */
  public static final long DEFAULT_RECONNECT_BACKOFF_MIN = 100;
  /** Default largest reconnect delay, in milliseconds. */
  public static final long DEFAULT_RECONNECT_BACKOFF_MAX = 10_000;
  /** Default timeout of a broker connection attempt, in milliseconds. */
  public static final long DEFAULT_CONNECT_TIMEOUT = 5_000;

  private BusKind kind;
  private String prefix = DEFAULT_PREFIX;
  private String redisUrl;
  private String natsUrl;
  private long reconnectBackoffMin = DEFAULT_RECONNECT_BACKOFF_MIN;
  private long reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;
  private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private String nodeId;

  /** JSON keys and {@code HONOSTAR_BUS_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<BusOptions> SCHEMA = OptionsSchema.builder("bus", BusOptions::new)
    .field("kind", OptionsSchema.Type.text("local/clustered/redis/nats", BusKind::parse, BusKind::configName), OptionsSchema.Unit.NONE,
      BusOptions::getKind, BusOptions::setKind, "Forces a backend; unset: NATS if a NATS URL is set, else Redis if a Redis URL is, else clustered when Vert.x is, else local.")
    .deprecated("HONOSTAR_BUS")
    .string("prefix", BusOptions::getPrefix, BusOptions::setPrefix, "First part of every address, channel and subject.")
    .string("redisUrl", BusOptions::getRedisUrl, BusOptions::setRedisUrl, "redis://[user:password@]host[:6379][/db], rediss://… (TLS) or unix:///path/redis.sock.")
    .deprecated("HONOSTAR_REDIS_URL").fallback("REDIS_URL")
    .string("natsUrl", BusOptions::getNatsUrl, BusOptions::setNatsUrl, "NATS server URL(s), comma separated.")
    .deprecated("HONOSTAR_NATS_URL").fallback("NATS_URL")
    .millis("reconnectBackoffMin", BusOptions::getReconnectBackoffMin, BusOptions::setReconnectBackoffMin,
      "First delay before reconnecting to a lost broker; doubles per failed attempt.")
    .deprecated("HONOSTAR_BUS_RECONNECT_MIN_MS")
    .millis("reconnectBackoffMax", BusOptions::getReconnectBackoffMax, BusOptions::setReconnectBackoffMax,
      "Largest delay between reconnect attempts.")
    .deprecated("HONOSTAR_BUS_RECONNECT_MAX_MS")
    .millis("connectTimeout", BusOptions::getConnectTimeout, BusOptions::setConnectTimeout, "Timeout of one broker connection attempt.")
    .string("nodeId", BusOptions::getNodeId, BusOptions::setNodeId, "This node's id (the origin tag); unset: a fresh random id.")
    .build();

  public BusOptions() {
  }

  public BusOptions(BusOptions other) {
    this(other.toJson());
  }

  /**
   * Reads the keys written by {@link #toJson()}: {@code kind}, {@code prefix}, {@code redisUrl}, {@code natsUrl},
   * {@code reconnectBackoffMin}, {@code reconnectBackoffMax}, {@code connectTimeout}, {@code nodeId}.
   */
  public BusOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /**
   * Overrides options with the {@code HONOSTAR_BUS_*} variables that are set and not blank (see the class comment).
   *
   * @param env usually {@code System.getenv()}; a plain map in tests
   * @throws IllegalArgumentException naming the variable, when one is malformed or unknown
   */
  public BusOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  /**
   * The backend to use: the explicit kind, else NATS if a NATS URL is set, else Redis if a Redis URL is set, else
   * {@link BusKind#CLUSTERED} when {@code vertxClustered}, else {@link BusKind#LOCAL}.
   */
  public BusKind resolveKind(boolean vertxClustered) {
    if (kind != null) {
      return kind;
    }
    if (natsUrl != null) {
      return BusKind.NATS;
    }
    if (redisUrl != null) {
      return BusKind.REDIS;
    }
    return vertxClustered ? BusKind.CLUSTERED : BusKind.LOCAL;
  }

  public BusKind getKind() {
    return kind;
  }

  /** Forces a backend; {@code null} (the default) selects it automatically, see {@link #resolveKind(boolean)}. */
  public BusOptions setKind(BusKind kind) {
    this.kind = kind;
    return this;
  }

  public String getPrefix() {
    return prefix;
  }

  /**
   * Sets the first part of every address, channel and subject, so several apps (or test runs) can share one broker.
   * Same rules as topic names.
   */
  public BusOptions setPrefix(String prefix) {
    Addresses.validatePrefix(prefix);
    this.prefix = prefix;
    return this;
  }

  public String getRedisUrl() {
    return redisUrl;
  }

  /** Redis connection string, e.g. {@code redis://:secret@redis:6379/0}; blank means none. */
  public BusOptions setRedisUrl(String redisUrl) {
    this.redisUrl = blankToNull(redisUrl);
    return this;
  }

  public String getNatsUrl() {
    return natsUrl;
  }

  /** NATS server URL(s), comma separated, e.g. {@code nats://nats:4222}; blank means none. */
  public BusOptions setNatsUrl(String natsUrl) {
    this.natsUrl = blankToNull(natsUrl);
    return this;
  }

  public long getReconnectBackoffMin() {
    return reconnectBackoffMin;
  }

  /** First delay before reconnecting to a lost broker, in milliseconds; doubles per failed attempt. */
  public BusOptions setReconnectBackoffMin(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("reconnectBackoffMin must be >= 1 ms, was " + millis);
    }
    this.reconnectBackoffMin = millis;
    return this;
  }

  public long getReconnectBackoffMax() {
    return reconnectBackoffMax;
  }

  /** Largest delay between reconnect attempts, in milliseconds. */
  public BusOptions setReconnectBackoffMax(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("reconnectBackoffMax must be >= 1 ms, was " + millis);
    }
    this.reconnectBackoffMax = millis;
    return this;
  }

  public long getConnectTimeout() {
    return connectTimeout;
  }

  /** Timeout of one broker connection attempt, in milliseconds. */
  public BusOptions setConnectTimeout(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("connectTimeout must be >= 1 ms, was " + millis);
    }
    this.connectTimeout = millis;
    return this;
  }

  public String getNodeId() {
    return nodeId;
  }

  /** Fixes this node's id (the origin tag); by default every bus gets a fresh random id. Must be unique per node. */
  public BusOptions setNodeId(String nodeId) {
    this.nodeId = blankToNull(nodeId);
    return this;
  }

  /** The configuration as JSON; the URLs are included verbatim, so do not log this object. */
  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
