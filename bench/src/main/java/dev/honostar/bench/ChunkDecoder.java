package dev.honostar.bench;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns one stream's chunks into the bytes a browser would see, as they arrive: inflated when
 * the server answered gzip, as they are otherwise, handed to a scanner in per-thread buffers
 * (no allocation per chunk). The generators of the synthetic and the issue tracker scenarios
 * both read their streams through it.
 */
final class ChunkDecoder {

  /** Receives decoded bytes; the array is reused once the call returns. */
  interface Scanner {
    void scan(byte[] bytes, int offset, int length);
  }

  private static final int BUFFER = 64 * 1024;
  private static final int GZIP_HEADER = 10;
  private static final ThreadLocal<byte[]> INFLATED = ThreadLocal.withInitial(() -> new byte[BUFFER]);
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[BUFFER]);

  private Inflater inflater;
  private int gzipHeader;
  private boolean inflating;

  /** Starts a new response: {@code gzip} when it came with {@code Content-Encoding: gzip}. */
  void start(boolean gzip) {
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
    inflating = gzip;
    if (gzip) {
      // The server's gzip is a fixed 10-byte header, then raw deflate.
      inflater = new Inflater(true);
      gzipHeader = GZIP_HEADER;
    }
  }

  /** Decodes one chunk into {@code scanner}. */
  void accept(Buffer chunk, Scanner scanner) throws DataFormatException {
    ByteBuf buf = ((BufferInternal) chunk).getByteBuf();
    if (inflating) {
      if (gzipHeader > 0) {
        int skip = Math.min(gzipHeader, buf.readableBytes());
        buf.skipBytes(skip);
        gzipHeader -= skip;
      }
      inflater.setInput(buf.nioBuffer());
      byte[] out = INFLATED.get();
      int n;
      while ((n = inflater.inflate(out)) > 0) {
        scanner.scan(out, 0, n);
      }
      return;
    }
    // In place when the buffer has an array (Vert.x's do), else through a per-thread copy.
    int len = buf.readableBytes();
    if (buf.hasArray()) {
      scanner.scan(buf.array(), buf.arrayOffset() + buf.readerIndex(), len);
    } else {
      byte[] copy = len <= BUFFER ? SCRATCH.get() : new byte[len];
      buf.getBytes(buf.readerIndex(), copy, 0, len);
      scanner.scan(copy, 0, len);
    }
  }
}
