package dev.honostar.outbox;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of an {@link Outbox}. {@link #applyEnvironment(Map)} reads {@code HONOSTAR_OUTBOX_TABLE},
 * {@code HONOSTAR_OUTBOX_POLL_MS}, {@code HONOSTAR_OUTBOX_TAKEOVER_MS}, {@code HONOSTAR_OUTBOX_BATCH} and
 * {@code HONOSTAR_OUTBOX_RETAIN_MS}.
 *
 * <pre>{@code
 * OutboxOptions options = new OutboxOptions(config.getJsonObject("outbox", new JsonObject()))
 *   .applyEnvironment(System.getenv());
 * }</pre>
 *
 * <p>A crashed node's committed events reach the other nodes within {@code takeoverMillis + pollMillis} (plus a
 * query and the broker's latency): 6 seconds with the defaults.
 */
public class OutboxOptions {

  /** Default table name. */
  public static final String DEFAULT_TABLE = "honostar_outbox";
  /** Default interval between relay passes when nothing asks for one, in milliseconds. */
  public static final long DEFAULT_POLL_MILLIS = 1_000;
  /** Default age after which any node publishes another node's pending event, in milliseconds. */
  public static final long DEFAULT_TAKEOVER_MILLIS = 5_000;
  /** Default number of events one relay pass publishes at most. */
  public static final int DEFAULT_BATCH_SIZE = 200;
  /** Default time published events stay in the table (for inspection) before they are deleted, in milliseconds. */
  public static final long DEFAULT_RETAIN_MILLIS = 3_600_000;

  private String table = DEFAULT_TABLE;
  private long pollMillis = DEFAULT_POLL_MILLIS;
  private long takeoverMillis = DEFAULT_TAKEOVER_MILLIS;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private long retainMillis = DEFAULT_RETAIN_MILLIS;

  public OutboxOptions() {
  }

  /** Reads the keys of {@link #toJson()}: {@code table}, {@code pollMillis}, {@code takeoverMillis}, {@code batchSize}, {@code retainMillis}. */
  public OutboxOptions(JsonObject json) {
    setTable(json.getString("table", DEFAULT_TABLE));
    setPollMillis(json.getLong("pollMillis", DEFAULT_POLL_MILLIS));
    setTakeoverMillis(json.getLong("takeoverMillis", DEFAULT_TAKEOVER_MILLIS));
    setBatchSize(json.getInteger("batchSize", DEFAULT_BATCH_SIZE));
    setRetainMillis(json.getLong("retainMillis", DEFAULT_RETAIN_MILLIS));
  }

  /** Overrides options with the environment variables that are set and not blank (see the class comment). */
  public OutboxOptions applyEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String t = value(env, "HONOSTAR_OUTBOX_TABLE");
    if (t != null) {
      setTable(t);
    }
    String poll = value(env, "HONOSTAR_OUTBOX_POLL_MS");
    if (poll != null) {
      setPollMillis(parse("HONOSTAR_OUTBOX_POLL_MS", poll));
    }
    String takeover = value(env, "HONOSTAR_OUTBOX_TAKEOVER_MS");
    if (takeover != null) {
      setTakeoverMillis(parse("HONOSTAR_OUTBOX_TAKEOVER_MS", takeover));
    }
    String batch = value(env, "HONOSTAR_OUTBOX_BATCH");
    if (batch != null) {
      setBatchSize(Math.toIntExact(parse("HONOSTAR_OUTBOX_BATCH", batch)));
    }
    String retain = value(env, "HONOSTAR_OUTBOX_RETAIN_MS");
    if (retain != null) {
      setRetainMillis(parse("HONOSTAR_OUTBOX_RETAIN_MS", retain));
    }
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("table", table).put("pollMillis", pollMillis).put("takeoverMillis", takeoverMillis)
      .put("batchSize", batchSize).put("retainMillis", retainMillis);
  }

  public String getTable() {
    return table;
  }

  /** The table of pending and recently published events; a plain SQL identifier. */
  public OutboxOptions setTable(String table) {
    if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Outbox table must be a plain SQL identifier, not " + table);
    }
    this.table = table;
    return this;
  }

  public long getPollMillis() {
    return pollMillis;
  }

  /** How often the relay looks for pending events when no commit asked it to; at least 10. */
  public OutboxOptions setPollMillis(long pollMillis) {
    this.pollMillis = atLeast("pollMillis", pollMillis, 10);
    return this;
  }

  public long getTakeoverMillis() {
    return takeoverMillis;
  }

  /**
   * How old another node's pending event must be before this node publishes it. Larger than a commit-to-publish takes
   * on a healthy node (milliseconds), plus the clock skew between nodes; at least 100.
   */
  public OutboxOptions setTakeoverMillis(long takeoverMillis) {
    this.takeoverMillis = atLeast("takeoverMillis", takeoverMillis, 100);
    return this;
  }

  public int getBatchSize() {
    return batchSize;
  }

  /** The most events one relay pass reads; at least 1. */
  public OutboxOptions setBatchSize(int batchSize) {
    this.batchSize = (int) atLeast("batchSize", batchSize, 1);
    return this;
  }

  public long getRetainMillis() {
    return retainMillis;
  }

  /** How long published events stay in the table; 0 deletes them at once. */
  public OutboxOptions setRetainMillis(long retainMillis) {
    this.retainMillis = atLeast("retainMillis", retainMillis, 0);
    return this;
  }

  private static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException("Outbox " + name + " must be at least " + min + ", not " + value);
    }
    return value;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static long parse(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
    }
  }
}
