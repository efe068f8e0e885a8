package dev.honostar.outbox;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Configuration of an {@link Outbox}. {@link #applyEnvironment(Map)} reads {@code HONOSTAR_OUTBOX_TABLE},
 * {@code HONOSTAR_OUTBOX_POLL_MS}, {@code HONOSTAR_OUTBOX_TAKEOVER_MS}, {@code HONOSTAR_OUTBOX_BATCH_SIZE} and
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

  /** JSON keys and {@code HONOSTAR_OUTBOX_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<OutboxOptions> SCHEMA = OptionsSchema.builder("outbox", OutboxOptions::new)
    .string("table", OutboxOptions::getTable, OutboxOptions::setTable, "Table of the pending events.")
    .millis("pollMillis", OutboxOptions::getPollMillis, OutboxOptions::setPollMillis, "How often the relay looks for new events.")
    .millis("takeoverMillis", OutboxOptions::getTakeoverMillis, OutboxOptions::setTakeoverMillis,
      "How long a relay's lease lasts before another node takes over.")
    .integer("batchSize", OutboxOptions::getBatchSize, OutboxOptions::setBatchSize, "Events published per round.")
    .deprecated("HONOSTAR_OUTBOX_BATCH")
    .millis("retainMillis", OutboxOptions::getRetainMillis, OutboxOptions::setRetainMillis, "How long published events are kept.")
    .build();

  public OutboxOptions() {
  }

  /** Reads the keys of {@link #toJson()}: {@code table}, {@code pollMillis}, {@code takeoverMillis}, {@code batchSize}, {@code retainMillis}. */
  public OutboxOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /** Overrides options with the {@code HONOSTAR_OUTBOX_*} variables that are set and not blank ({@link #SCHEMA}). */
  public OutboxOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
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

}
