package dev.honostar.protocol;

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

  public SseOptions() {
  }

  public SseOptions(SseOptions other) {
    this.heartbeatMillis = other.heartbeatMillis;
    this.maxPendingBytes = other.maxPendingBytes;
    this.compression = other.compression == null ? null : new SseCompression(other.compression);
  }

  public SseOptions(JsonObject json) {
    this.heartbeatMillis = json.getLong("heartbeatMillis", DEFAULT_HEARTBEAT_MILLIS);
    this.maxPendingBytes = json.getInteger("maxPendingBytes", DEFAULT_MAX_PENDING_BYTES);
    JsonObject c = json.getJsonObject("compression");
    this.compression = c == null ? null : new SseCompression(c);
    validate();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("heartbeatMillis", heartbeatMillis).put("maxPendingBytes", maxPendingBytes);
    if (compression != null) {
      json.put("compression", compression.toJson());
    }
    return json;
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
