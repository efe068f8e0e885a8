package dev.honostar.bus;

import dev.honostar.bus.impl.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a {@link TopicBus}.
 *
 * <p>The backend is chosen by {@link #resolveKind(boolean)}: an explicit {@link #setKind(BusKind) kind} first; else NATS
 * when a NATS URL is set, Redis when a Redis URL is set, the clustered event bus when Vert.x is clustered, else the
 * local event bus. {@link #applyEnvironment(Map)} reads {@code HONOSTAR_BUS}, {@code HONOSTAR_BUS_PREFIX},
 * {@code HONOSTAR_NATS_URL} (then {@code NATS_URL}), {@code HONOSTAR_REDIS_URL} (then {@code REDIS_URL}),
 * {@code HONOSTAR_BUS_RECONNECT_MIN_MS}, {@code HONOSTAR_BUS_RECONNECT_MAX_MS}, {@code HONOSTAR_BUS_CONNECT_TIMEOUT_MS}
 * and {@code HONOSTAR_BUS_NODE_ID}; set values override the configured ones.
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
    String k = json.getString("kind");
    if (k != null && !k.isBlank()) {
      setKind(BusKind.parse(k));
    }
    setPrefix(json.getString("prefix", DEFAULT_PREFIX));
    setRedisUrl(json.getString("redisUrl"));
    setNatsUrl(json.getString("natsUrl"));
    setReconnectBackoffMin(json.getLong("reconnectBackoffMin", DEFAULT_RECONNECT_BACKOFF_MIN));
    setReconnectBackoffMax(json.getLong("reconnectBackoffMax", DEFAULT_RECONNECT_BACKOFF_MAX));
    setConnectTimeout(json.getLong("connectTimeout", DEFAULT_CONNECT_TIMEOUT));
    setNodeId(json.getString("nodeId"));
  }

  /**
   * Overrides options with the environment variables that are set and not blank (see the class comment).
   *
   * @param env usually {@code System.getenv()}; a plain map in tests
   * @throws IllegalArgumentException when a variable has an invalid value
   */
  public BusOptions applyEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String bus = value(env, "HONOSTAR_BUS");
    if (bus != null) {
      setKind(BusKind.parse(bus));
    }
    String p = value(env, "HONOSTAR_BUS_PREFIX");
    if (p != null) {
      setPrefix(p);
    }
    String nats = first(value(env, "HONOSTAR_NATS_URL"), value(env, "NATS_URL"));
    if (nats != null) {
      setNatsUrl(nats);
    }
    String redis = first(value(env, "HONOSTAR_REDIS_URL"), value(env, "REDIS_URL"));
    if (redis != null) {
      setRedisUrl(redis);
    }
    String min = value(env, "HONOSTAR_BUS_RECONNECT_MIN_MS");
    if (min != null) {
      setReconnectBackoffMin(parseLong("HONOSTAR_BUS_RECONNECT_MIN_MS", min));
    }
    String max = value(env, "HONOSTAR_BUS_RECONNECT_MAX_MS");
    if (max != null) {
      setReconnectBackoffMax(parseLong("HONOSTAR_BUS_RECONNECT_MAX_MS", max));
    }
    String timeout = value(env, "HONOSTAR_BUS_CONNECT_TIMEOUT_MS");
    if (timeout != null) {
      setConnectTimeout(parseLong("HONOSTAR_BUS_CONNECT_TIMEOUT_MS", timeout));
    }
    String id = value(env, "HONOSTAR_BUS_NODE_ID");
    if (id != null) {
      setNodeId(id);
    }
    return this;
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
    JsonObject json = new JsonObject()
      .put("prefix", prefix)
      .put("reconnectBackoffMin", reconnectBackoffMin)
      .put("reconnectBackoffMax", reconnectBackoffMax)
      .put("connectTimeout", connectTimeout);
    if (kind != null) {
      json.put("kind", kind.configName());
    }
    if (redisUrl != null) {
      json.put("redisUrl", redisUrl);
    }
    if (natsUrl != null) {
      json.put("natsUrl", natsUrl);
    }
    if (nodeId != null) {
      json.put("nodeId", nodeId);
    }
    return json;
  }

  private static String value(Map<String, String> env, String name) {
    return blankToNull(env.get(name));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number of milliseconds, was '" + value + "'");
    }
  }
}
