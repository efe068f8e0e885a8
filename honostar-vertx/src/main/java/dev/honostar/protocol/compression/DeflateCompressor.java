package dev.honostar.protocol.compression;

import dev.honostar.protocol.SseEvent;
import io.vertx.core.buffer.Buffer;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip (RFC 1952) or deflate (zlib, RFC 1950) with the JDK's {@link Deflater}, flushed with
 * {@link Deflater#SYNC_FLUSH} after every event. zlib's state is about 256 KiB per stream
 * (32 KiB window, default memory level; ~155 KiB of it resident), held natively until {@link #close()}.
 */
final class DeflateCompressor implements SseCompressor {

  /**
   * zlib allocates about 262 KiB (15-bit window, memLevel 8); about 155 KiB of it is resident
   * after a few 8 KB events (measured, docs/benchmarks.md). The budget counts the resident part.
   */
  static final int STATE_BYTES = 160 * 1024;

  private final boolean gzip;
  private final Deflater deflater;
  private final CRC32 crc;
  private boolean headerSent;
  private boolean closed;

  DeflateCompressor(boolean gzip, int level) {
    this.gzip = gzip;
    this.deflater = new Deflater(level, gzip);
    this.crc = gzip ? new CRC32() : null;
  }

  @Override
  public String encoding() {
    return gzip ? "gzip" : "deflate";
  }

  @Override
  public Buffer compress(SseEvent sse) {
    Buffer event = sse.buffer();
    byte[] in = event.getBytes();
    if (crc != null) {
      crc.update(in);
    }
    deflater.setInput(in);
    Buffer result = Buffer.buffer(256);
    if (gzip && !headerSent) {
      result.appendBytes(Zlib.GZIP_HEADER);
    }
    headerSent = true;
    return Zlib.syncFlush(deflater, result);
  }

  @Override
  public Buffer finish() {
    Buffer result = Buffer.buffer(32);
    if (closed) {
      return result;
    }
    if (gzip && !headerSent) {
      result.appendBytes(Zlib.GZIP_HEADER);
    }
    Zlib.finish(deflater, result);
    if (gzip) {
      long c = crc.getValue();
      long size = deflater.getBytesRead();
      result.appendIntLE((int) c).appendIntLE((int) size);
    }
    close();
    return result;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      deflater.end();
    }
  }
}
