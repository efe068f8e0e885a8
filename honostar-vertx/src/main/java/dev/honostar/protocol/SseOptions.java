package dev.honostar.protocol;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

/**
 * Options of an {@link SseStream}.
 *
 * <pre>{@code
 * SseStream.create(ctx, new SseOptions().setHeartbeatMillis(15_000));
 * }</pre>
 */
public class SseOptions {

  /** No heartbeat unless asked for: a one-shot reply needs none. */
  public static final long DEFAULT_HEARTBEAT_MILLIS = 0;
  /** How many bytes a stream may hold back for a slow client before it gives up on it. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;

  private long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;
  private int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
  private SseCompression compression;

  /** A compression object, or none. */
  private static final OptionsSchema.Type COMPRESSION = new OptionsSchema.Type("object", v -> new SseCompression((JsonObject) v),
    v -> ((SseCompression) v).toJson(), v -> {
      throw new UnsupportedOperationException("JSON only");
    });

  /**
   * The JSON keys; an {@link SseStream}'s options come from the app's code, so they have no variables (the live
   * endpoint's come from {@link dev.honostar.live.LiveOptions}).
   */
  public static final OptionsSchema<SseOptions> SCHEMA = OptionsSchema.builder("sse", SseOptions::new)
    .millis("heartbeatMillis", SseOptions::getHeartbeatMillis, SseOptions::setHeartbeatMillis, "Heartbeat interval; 0: none.")
    .jsonOnly()
    .bytes("maxPendingBytes", SseOptions::getMaxPendingBytes, SseOptions::setMaxPendingBytes,
      "What a stream may hold back for a slow client before it gives up on it.")
    .jsonOnly()
    .field("compression", COMPRESSION, OptionsSchema.Unit.NONE, SseOptions::getCompression, SseOptions::setCompression,
      "Compression offered to clients; none by default.")
    .jsonOnly()
    .build();

  public SseOptions() {
  }

  public SseOptions(SseOptions other) {
    this.heartbeatMillis = other.heartbeatMillis;
    this.maxPendingBytes = other.maxPendingBytes;
    this.compression = other.compression == null ? null : new SseCompression(other.compression);
  }

  public SseOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
    validate();
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** @return the compression offered to clients, {@code null} (the default) for none */
  public SseCompression getCompression() {
    return compression;
  }

  /**
   * Compresses the stream with the best encoding the client's {@code Accept-Encoding} allows,
   * flushing after every event; {@code null} or disabled sends it uncompressed.
   */
  public SseOptions setCompression(SseCompression compression) {
    this.compression = compression;
    return this;
  }

  /** @return the interval of heartbeat comments in ms, {@code 0} for none */
  public long getHeartbeatMillis() {
    return heartbeatMillis;
  }

  /** Writes a comment line every {@code millis} ms while the socket has room; {@code 0} turns it off. */
  public SseOptions setHeartbeatMillis(long millis) {
    this.heartbeatMillis = millis;
    validate();
    return this;
  }

  public int getMaxPendingBytes() {
    return maxPendingBytes;
  }

  /**
   * Bounds what a stream holds back while the client does not read. Past the bound the
   * stream is closed as a slow consumer; the client reconnects and heals.
   */
  public SseOptions setMaxPendingBytes(int maxPendingBytes) {
    this.maxPendingBytes = maxPendingBytes;
    validate();
    return this;
  }

  private void validate() {
    if (heartbeatMillis < 0) {
      throw new IllegalArgumentException("heartbeatMillis must be >= 0, got " + heartbeatMillis);
    }
    if (maxPendingBytes < 0) {
      throw new IllegalArgumentException("maxPendingBytes must be >= 0, got " + maxPendingBytes);
    }
  }
}
