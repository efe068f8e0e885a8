package dev.honostar.presence;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * How {@link Presence} keeps the set of who is viewing a topic across nodes: each node announces
 * its own tabs' members every {@code heartbeatMillis}; another node forgets them when it heard
 * nothing from that node for {@code ttlMillis} (a crashed node's entries expire); a member whose
 * last tab closed leaves after {@code leaveGraceMillis}, so a reload does not flicker.
 * {@link #applyEnvironment(Map)} reads {@code HONOSTAR_PRESENCE_HEARTBEAT_MS},
 * {@code HONOSTAR_PRESENCE_TTL_MS} and {@code HONOSTAR_PRESENCE_LEAVE_GRACE_MS}.
 *
 * <pre>{@code
 * new HonoStarOptions().setPresence(new PresenceOptions().setHeartbeatMillis(2_000).setTtlMillis(6_000));
 * }</pre>
 *
 * <p>A crashed node's members leave every other node's set within {@code ttlMillis + heartbeatMillis / 2}
 * (17.5 s with the defaults), plus a render.
 */
public class PresenceOptions {

  /** Default interval between a node's announcements of its members, in milliseconds. */
  public static final long DEFAULT_HEARTBEAT_MILLIS = 5_000;
  /** Default time after its last announcement at which a node's members are forgotten, in milliseconds. */
  public static final long DEFAULT_TTL_MILLIS = 15_000;
  /** Default wait before a member whose last tab closed leaves, in milliseconds. */
  public static final long DEFAULT_LEAVE_GRACE_MILLIS = 2_000;

  private long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;
  private long ttlMillis = DEFAULT_TTL_MILLIS;
  private long leaveGraceMillis = DEFAULT_LEAVE_GRACE_MILLIS;

  /** JSON keys and {@code HONOSTAR_PRESENCE_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<PresenceOptions> SCHEMA = OptionsSchema.builder("presence", PresenceOptions::new)
    .millis("heartbeatMillis", PresenceOptions::getHeartbeatMillis, PresenceOptions::setHeartbeatMillis,
      "How often a node announces the members of its tabs on each topic with presence.")
    .millis("ttlMillis", PresenceOptions::getTtlMillis, PresenceOptions::setTtlMillis,
      "How long after a node's last announcement its members are forgotten (a crashed node); more than heartbeatMillis.")
    .millis("leaveGraceMillis", PresenceOptions::getLeaveGraceMillis, PresenceOptions::setLeaveGraceMillis,
      "How long a member whose last tab closed stays present (a reload does not flicker).")
    .build();

  public PresenceOptions() {
  }

  /** Reads the keys of {@link #toJson()}: {@code heartbeatMillis}, {@code ttlMillis}, {@code leaveGraceMillis}. */
  public PresenceOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /** Overrides options with the {@code HONOSTAR_PRESENCE_*} variables that are set and not blank ({@link #SCHEMA}). */
  public PresenceOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  public long getHeartbeatMillis() {
    return heartbeatMillis;
  }

  /** How often a node announces its members; at least 50. */
  public PresenceOptions setHeartbeatMillis(long heartbeatMillis) {
    this.heartbeatMillis = atLeast("heartbeatMillis", heartbeatMillis, 50);
    return this;
  }

  public long getTtlMillis() {
    return ttlMillis;
  }

  /** How long a silent node's members are kept; must exceed {@link #getHeartbeatMillis()} (checked when presence starts). */
  public PresenceOptions setTtlMillis(long ttlMillis) {
    this.ttlMillis = atLeast("ttlMillis", ttlMillis, 100);
    return this;
  }

  public long getLeaveGraceMillis() {
    return leaveGraceMillis;
  }

  /** How long a member whose last tab closed stays; 0 leaves at once. */
  public PresenceOptions setLeaveGraceMillis(long leaveGraceMillis) {
    this.leaveGraceMillis = atLeast("leaveGraceMillis", leaveGraceMillis, 0);
    return this;
  }

  /**
   * @throws IllegalArgumentException when {@code ttlMillis} does not exceed {@code heartbeatMillis}: every node's
   *     members would expire between two of its announcements
   */
  public void check() {
    if (ttlMillis <= heartbeatMillis) {
      throw new IllegalArgumentException("Presence ttlMillis (" + ttlMillis + ", HONOSTAR_PRESENCE_TTL_MS) must exceed heartbeatMillis ("
        + heartbeatMillis + ", HONOSTAR_PRESENCE_HEARTBEAT_MS); three heartbeats is the usual choice");
    }
  }

  /** The longest a crashed node's members stay in another node's set: {@code ttlMillis + heartbeatMillis / 2}. */
  public long crashBoundMillis() {
    return ttlMillis + heartbeatMillis / 2;
  }

  private static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException("Presence " + name + " must be at least " + min + ", not " + value);
    }
    return value;
  }
}
