package dev.honostar.protocol.compression;

import io.vertx.core.buffer.Buffer;

import java.util.zip.Deflater;

/** What the deflate-based compressors share: the gzip header and a sync-flushing drain. */
final class Zlib {

  /** gzip member header: deflate, no name or time, unknown OS. */
  static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** Output scratch shared by the streams of one thread (an event loop), not held per stream. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  private Zlib() {
  }

  /** Deflates the input set on {@code deflater} with {@link Deflater#SYNC_FLUSH} and appends it all to {@code out}. */
  static Buffer syncFlush(Deflater deflater, Buffer out) {
    byte[] scratch = SCRATCH.get();
    int n;
    do {
      // SYNC_FLUSH is complete once deflate leaves room in the output (see Deflater#deflate).
      n = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
      out.appendBytes(scratch, 0, n);
    } while (n == scratch.length);
    return out;
  }

  /** Finishes {@code deflater} and appends the rest of its output to {@code out}. */
  static Buffer finish(Deflater deflater, Buffer out) {
    byte[] scratch = SCRATCH.get();
    deflater.finish();
    while (!deflater.finished()) {
      out.appendBytes(scratch, 0, deflater.deflate(scratch));
    }
    return out;
  }
}
