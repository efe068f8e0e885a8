package dev.honostar.protocol;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Compression of SSE streams, negotiated from the request's {@code Accept-Encoding}.
 *
 * <p>Each event is compressed and flushed on its own ({@code SYNC_FLUSH} for gzip and deflate,
 * {@code FLUSH} for brotli), so the browser decodes it as soon as it arrives. Two modes:
 * <ul>
 *   <li>{@link Mode#SHARED} (the default): an event is compressed once, on its own, and the same
 *   bytes go to every stream; a stream keeps a few dozen bytes of state. An 8.5 KB fat patch
 *   becomes about 750 bytes at level 6 (11:1), computed once per event in ~26 µs.</li>
 *   <li>{@link Mode#STREAM}: each stream has its own compressor and window, so repeated patches
 *   shrink further (about 500 bytes), but every stream holds ~160 KiB of native zlib state (or
 *   more for brotli) and compresses every event itself.</li>
 * </ul>
 *
 * <p>Measured on a 2-core node (docs/benchmarks.md), shared gzip costs the server no more CPU
 * per event than plain streams, cuts the bytes on the wire by 12 and the receiving side's kernel
 * time by 4, and adds nothing measurable to the heap per idle stream; it is therefore on by
 * default. Streams whose client sends no {@code Accept-Encoding} stay plain.
 *
 * <pre>{@code
 * new SseCompression().setMode(SseCompression.Mode.STREAM).setLevel(1);   // per-stream windows
 * new SseCompression().setEnabled(false);                                   // plain streams
 * }</pre>
 */
public class SseCompression {

  /** How events are compressed: once for all streams, or by each stream with its own window. */
  public enum Mode {
    /**
     * Each event is compressed once, on its own, and the same bytes go to every stream (gzip
     * and deflate only). A stream holds a few dozen bytes of state and spends a few checksum
     * operations per event; the ratio is that of one event alone.
     */
    SHARED,
    /**
     * Each stream runs its own compressor and keeps its window between events, so repeated
     * fat patches shrink to a few hundred bytes; every stream holds the compressor's state
     * (~160 KiB for gzip) and compresses every event itself.
     */
    STREAM
  }

  public static final boolean DEFAULT_ENABLED = true;
  public static final Mode DEFAULT_MODE = Mode.SHARED;
  /** Preference order; the first one the client accepts (and that is available) wins. */
  public static final List<String> DEFAULT_ENCODINGS = List.of("gzip", "deflate", "br");
  /**
   * zlib level for gzip and deflate in {@link Mode#SHARED} (1 fastest .. 9 smallest): each event
   * is compressed once, so a slower, tighter level costs little (an 8.5 KB patch: 26 µs, 11:1).
   */
  public static final int DEFAULT_SHARED_LEVEL = 6;
  /** zlib level in {@link Mode#STREAM}: every stream compresses every event, so the fastest. */
  public static final int DEFAULT_STREAM_LEVEL = 1;
  /** Brotli quality (0 .. 11). */
  public static final int DEFAULT_BROTLI_QUALITY = 5;
  /** Brotli window, log2 of bytes (10 .. 24); 16 = 64 KiB holds several fat patches. */
  public static final int DEFAULT_BROTLI_WINDOW_BITS = 16;
  /** Estimated compressor state a stream may use; encodings that need more are not offered. */
  public static final int DEFAULT_MEMORY_BUDGET_BYTES = 256 * 1024;

  private boolean enabled = DEFAULT_ENABLED;
  private Mode mode = DEFAULT_MODE;
  private List<String> encodings = DEFAULT_ENCODINGS;
  /** 0: the mode's default level. */
  private int level;
  private int brotliQuality = DEFAULT_BROTLI_QUALITY;
  private int brotliWindowBits = DEFAULT_BROTLI_WINDOW_BITS;
  private int memoryBudgetBytes = DEFAULT_MEMORY_BUDGET_BYTES;

  /**
   * JSON keys of {@code live.compression}, variables {@code HONOSTAR_LIVE_COMPRESSION_*}; see
   * docs/configuration.md.
   */
  public static final OptionsSchema<SseCompression> SCHEMA = OptionsSchema.builder("compression", SseCompression::new)
    .bool("enabled", SseCompression::isEnabled, SseCompression::setEnabled, "Compress live streams (negotiated per stream).")
    .deprecated("HONOSTAR_LIVE_COMPRESSION")
    .enumValue("mode", Mode.class, SseCompression::getMode, SseCompression::setMode,
      "Compress each event once for all streams (shared) or per stream with its own window (stream).")
    .list("encodings", SseCompression::getEncodings, SseCompression::setEncodings, "Encodings offered, most preferred first.")
    // the raw level: 0 means the mode's default, which getLevel() resolves
    .integer("level", c -> c.level, SseCompression::setLevel, "zlib level 1..9; 0: the mode's default (6 shared, 1 stream).")
    .integer("brotliQuality", SseCompression::getBrotliQuality, SseCompression::setBrotliQuality, "Brotli quality (0..11).")
    .integer("brotliWindowBits", SseCompression::getBrotliWindowBits, SseCompression::setBrotliWindowBits,
      "Brotli window, log2 of bytes (10..24).")
    .bytes("memoryBudgetBytes", SseCompression::getMemoryBudgetBytes, SseCompression::setMemoryBudgetBytes,
      "Estimated compressor state a stream may use; encodings that need more are not offered.")
    .build();

  public SseCompression() {
  }

  public SseCompression(SseCompression other) {
    // Field by field: a stream copies its options, and a JSON round trip per stream cost a
    // seventh of opening one.
    this.enabled = other.enabled;
    this.mode = other.mode;
    this.encodings = other.encodings;
    this.level = other.level;
    this.brotliQuality = other.brotliQuality;
    this.brotliWindowBits = other.brotliWindowBits;
    this.memoryBudgetBytes = other.memoryBudgetBytes;
  }

  public SseCompression(JsonObject json) {
    SCHEMA.fromJson(this, json);
    validate();
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public SseCompression setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public Mode getMode() {
    return mode;
  }

  /** Chooses between compressing once for all streams ({@link Mode#SHARED}) and per stream. */
  public SseCompression setMode(Mode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    return this;
  }

  public List<String> getEncodings() {
    return encodings;
  }

  /** The encodings offered, most preferred first: any of {@code br}, {@code gzip}, {@code deflate}. */
  public SseCompression setEncodings(List<String> encodings) {
    this.encodings = List.copyOf(encodings);
    validate();
    return this;
  }

  public int getLevel() {
    return level != 0 ? level : mode == Mode.SHARED ? DEFAULT_SHARED_LEVEL : DEFAULT_STREAM_LEVEL;
  }

  /** Sets the zlib level (1..9); 0 restores the mode's default ({@link #DEFAULT_SHARED_LEVEL}, {@link #DEFAULT_STREAM_LEVEL}). */
  public SseCompression setLevel(int level) {
    this.level = level;
    validate();
    return this;
  }

  public int getBrotliQuality() {
    return brotliQuality;
  }

  public SseCompression setBrotliQuality(int brotliQuality) {
    this.brotliQuality = brotliQuality;
    validate();
    return this;
  }

  public int getBrotliWindowBits() {
    return brotliWindowBits;
  }

  public SseCompression setBrotliWindowBits(int brotliWindowBits) {
    this.brotliWindowBits = brotliWindowBits;
    validate();
    return this;
  }

  public int getMemoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  /**
   * Bounds the estimated compressor state of one stream (gzip and deflate about 160 KiB,
   * brotli depends on quality and window); an encoding over the budget is not offered, and a
   * stream with no encoding left is sent uncompressed.
   */
  public SseCompression setMemoryBudgetBytes(int memoryBudgetBytes) {
    this.memoryBudgetBytes = memoryBudgetBytes;
    validate();
    return this;
  }

  private void validate() {
    if (level != 0 && (level < 1 || level > 9)) {
      throw new IllegalArgumentException("compression level must be 1..9 (or 0 for the mode's default), got " + level);
    }
    if (brotliQuality < 0 || brotliQuality > 11) {
      throw new IllegalArgumentException("brotliQuality must be 0..11, got " + brotliQuality);
    }
    if (brotliWindowBits < 10 || brotliWindowBits > 24) {
      throw new IllegalArgumentException("brotliWindowBits must be 10..24, got " + brotliWindowBits);
    }
    if (memoryBudgetBytes < 0) {
      throw new IllegalArgumentException("memoryBudgetBytes must be >= 0");
    }
    for (String e : encodings) {
      if (!List.of("br", "gzip", "deflate").contains(e)) {
        throw new IllegalArgumentException("unknown encoding '" + e + "' (br, gzip, deflate)");
      }
    }
  }
}
