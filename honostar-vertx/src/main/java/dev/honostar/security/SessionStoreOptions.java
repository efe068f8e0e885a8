package dev.honostar.security;

import dev.honostar.bus.BusKind;
import dev.honostar.bus.BusOptions;
import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Where sessions (who is signed in, flash messages) live, so that any node can serve any
 * request of a signed-in user. JSON key {@code sessionStore} of {@code HonoStarOptions}; the
 * environment wins.
 *
 * <pre>{@code
 * // {"sessionStore": {"kind": "redis", "redisUrl": "redis://:secret@redis:6379/1"}}
 * HONOSTAR_SESSION_STORE_KIND=redis HONOSTAR_SESSION_STORE_REDIS_URL=redis://:secret@redis:6379/1
 * }</pre>
 *
 * By default ({@link Kind#AUTO}) the store follows the bus: Redis when a session Redis URL is
 * set or the bus is Redis (the same server), the cluster-wide map when Vert.x is clustered,
 * else this node's memory. A NATS bus has no store of its own: set a Redis URL for sessions
 * (docs/scaling.md).
 */
public class SessionStoreOptions {

  /** What backs the sessions. */
  public enum Kind {
    /** Follow the bus (see the class comment). */
    AUTO,
    /** This node's memory: one node, or sticky sessions. */
    LOCAL,
    /** vertx-web's cluster-wide map (Hazelcast). */
    CLUSTERED,
    /** Redis, with the session timeout as the key's time to live. */
    REDIS
  }

  public static final String ENV_KIND = "HONOSTAR_SESSION_STORE_KIND";
  public static final String ENV_REDIS_URL = "HONOSTAR_SESSION_STORE_REDIS_URL";
  public static final String ENV_PREFIX = "HONOSTAR_SESSION_STORE_PREFIX";
  public static final Kind DEFAULT_KIND = Kind.AUTO;
  /** Key prefix of the sessions in Redis: {@code honostar:session:<id>}. */
  public static final String DEFAULT_PREFIX = "honostar:session:";
  /**
   * Milliseconds one connection attempt (and one command) may take before the store answers
   * unavailable; as the bus's connect timeout, since a cold JVM's first connection is slow.
   */
  public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

  private Kind kind = DEFAULT_KIND;
  private String redisUrl;
  private String prefix = DEFAULT_PREFIX;
  private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

  /** JSON keys and {@code HONOSTAR_SESSION_STORE_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<SessionStoreOptions> SCHEMA = OptionsSchema.builder("sessionStore", SessionStoreOptions::new)
    .enumValue("kind", Kind.class, SessionStoreOptions::getKind, SessionStoreOptions::setKind,
      "auto: Redis when redisUrl is set or the bus is Redis, the cluster-wide map when Vert.x is clustered, else memory.")
    .deprecated("HONOSTAR_SESSION_STORE")
    .string("redisUrl", SessionStoreOptions::getRedisUrl, SessionStoreOptions::setRedisUrl,
      "Redis of the sessions; unset: the bus's Redis.")
    .deprecated("HONOSTAR_SESSION_REDIS_URL")
    .string("prefix", SessionStoreOptions::getPrefix, SessionStoreOptions::setPrefix, "Key prefix of the sessions in Redis.")
    .deprecated("HONOSTAR_SESSION_PREFIX")
    .millis("timeoutMillis", SessionStoreOptions::getTimeoutMillis, SessionStoreOptions::setTimeoutMillis,
      "How long a connection attempt or command may take before the store answers unavailable.")
    .build();

  public SessionStoreOptions() {
  }

  public SessionStoreOptions(SessionStoreOptions other) {
    this(other.toJson());
  }

  public SessionStoreOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /**
   * Applies the {@code HONOSTAR_SESSION_STORE_*} variables that are set ({@value #ENV_KIND}, {@value #ENV_REDIS_URL},
   * {@value #ENV_PREFIX}, …); blank values are ignored, the old names still work.
   */
  public SessionStoreOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  /**
   * @return the store to use: the explicit kind, else Redis when a session Redis URL is set or
   *     the bus is Redis, else clustered when Vert.x is, else local
   */
  public Kind resolveKind(BusKind bus, boolean clustered) {
    if (kind != Kind.AUTO) {
      return kind;
    }
    if (redisUrl != null || bus == BusKind.REDIS) {
      return Kind.REDIS;
    }
    return clustered || bus == BusKind.CLUSTERED ? Kind.CLUSTERED : Kind.LOCAL;
  }

  /** @return the session Redis URL, else the bus's (one Redis for both) */
  public String resolveRedisUrl(BusOptions bus) {
    return redisUrl != null ? redisUrl : bus.getRedisUrl();
  }

  public Kind getKind() {
    return kind;
  }

  public SessionStoreOptions setKind(Kind kind) {
    this.kind = kind == null ? DEFAULT_KIND : kind;
    return this;
  }

  public String getRedisUrl() {
    return redisUrl;
  }

  /** Redis for sessions, when it is not the bus's: {@code redis://[user:password@]host[:6379][/db]}. */
  public SessionStoreOptions setRedisUrl(String redisUrl) {
    this.redisUrl = redisUrl;
    return this;
  }

  public String getPrefix() {
    return prefix;
  }

  public SessionStoreOptions setPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("sessionStore.prefix must not be empty");
    }
    this.prefix = prefix;
    return this;
  }

  public long getTimeoutMillis() {
    return timeoutMillis;
  }

  public SessionStoreOptions setTimeoutMillis(long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("sessionStore.timeoutMillis must be positive, got " + timeoutMillis);
    }
    this.timeoutMillis = timeoutMillis;
    return this;
  }
}
