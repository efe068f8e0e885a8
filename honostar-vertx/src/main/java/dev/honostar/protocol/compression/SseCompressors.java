package dev.honostar.protocol.compression;

import dev.honostar.protocol.SseCompression;

import java.util.Locale;

/** Negotiates a stream's compressor from {@code Accept-Encoding} and {@link SseCompression}. */
public final class SseCompressors {

  private static volatile Boolean brotli;
  /** A shared-mode stream's compressor: the object, three checksums and a size. */
  static final int SHARED_STATE_BYTES = 48;

  private SseCompressors() {
  }

  /** @return whether brotli4j and its native library load on this platform */
  public static boolean brotliAvailable() {
    Boolean b = brotli;
    if (b == null) {
      try {
        b = BrotliCompressor.available();
      } catch (LinkageError e) {
        b = false;
      }
      brotli = b;
    }
    return b;
  }

  /** @return the estimated compressor state of one stream for {@code encoding}, in bytes */
  public static int stateBytes(String encoding, SseCompression options) {
    if (options.getMode() == SseCompression.Mode.SHARED && !encoding.equals("br")) {
      return SHARED_STATE_BYTES;
    }
    return switch (encoding) {
      case "gzip", "deflate" -> DeflateCompressor.STATE_BYTES;
      case "br" -> BrotliCompressor.stateBytes(options.getBrotliQuality(), options.getBrotliWindowBits());
      default -> 0;
    };
  }

  /** @return the encoding to use for this {@code Accept-Encoding}, or {@code null} for none */
  public static String negotiate(String acceptEncoding, SseCompression options) {
    if (options == null || !options.isEnabled() || acceptEncoding == null || acceptEncoding.isBlank()) {
      return null;
    }
    String best = null;
    double bestQ = 0;
    for (String encoding : options.getEncodings()) {
      if (encoding.equals("br") && (options.getMode() == SseCompression.Mode.SHARED || !brotliAvailable())) {
        // Brotli streams cannot be spliced from independently compressed events.
        continue;
      }
      if (stateBytes(encoding, options) > options.getMemoryBudgetBytes()) {
        continue;
      }
      double q = quality(acceptEncoding, encoding);
      if (q > bestQ) {
        best = encoding;
        bestQ = q;
      }
    }
    return best;
  }

  /** @return a compressor for {@code encoding} (as returned by {@link #negotiate}) */
  public static SseCompressor create(String encoding, SseCompression options) {
    if (options.getMode() == SseCompression.Mode.SHARED && !encoding.equals("br")) {
      return new SharedDeflateCompressor(encoding.equals("gzip"), options.getLevel());
    }
    return switch (encoding) {
      case "gzip" -> new DeflateCompressor(true, options.getLevel());
      case "deflate" -> new DeflateCompressor(false, options.getLevel());
      case "br" -> new BrotliCompressor(options.getBrotliQuality(), options.getBrotliWindowBits());
      default -> throw new IllegalArgumentException("unknown encoding " + encoding);
    };
  }

  /** The q-value the header gives {@code encoding} (explicitly or through {@code *}), 0 if none. */
  static double quality(String header, String encoding) {
    double star = 0;
    for (String part : header.split(",")) {
      String[] fields = part.trim().split(";");
      String name = fields[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String f = fields[i].trim();
        if (f.startsWith("q=") || f.startsWith("Q=")) {
          try {
            q = Double.parseDouble(f.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (name.equals(encoding) || (encoding.equals("gzip") && name.equals("x-gzip"))) {
        return q;
      }
      if (name.equals("*")) {
        star = q;
      }
    }
    return star;
  }
}
