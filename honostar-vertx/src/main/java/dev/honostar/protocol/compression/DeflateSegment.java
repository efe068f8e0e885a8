package dev.honostar.protocol.compression;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One event compressed on its own: raw deflate blocks from a fresh compressor, ending with a
 * sync flush on a byte boundary and never marked final. Such segments can follow each other in
 * any order inside one gzip or zlib stream, so the segment is computed once per event and the
 * same bytes go to every stream that sends the event; each stream adds only its header, its
 * trailer, and the checksums kept here.
 *
 * <p>The bytes are in a direct buffer, which Netty writes to every socket without copying.
 */
public record DeflateSegment(int level, Buffer bytes, int length, int crc32, int crc32Shift, int adler32) {

  /** Compressors by level, one set per thread (event loops), reset before every use. */
  private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

  /** @return {@code event} compressed at zlib {@code level} (1..9) as a stand-alone segment */
  public static DeflateSegment of(Buffer event, int level) {
    ByteBuffer in = ((BufferInternal) event).getByteBuf().nioBuffer();
    CRC32 crc = new CRC32();
    crc.update(in.duplicate());
    Adler32 adler = new Adler32();
    adler.update(in.duplicate());
    Deflater deflater = deflater(level);
    deflater.reset();
    deflater.setInput(in);
    Buffer compressed = Zlib.syncFlush(deflater, Buffer.buffer(Math.max(64, event.length() / 4)));
    ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length());
    direct.put(((BufferInternal) compressed).getByteBuf().nioBuffer()).flip();
    // Unreleasable: the buffer is shared by every stream; the JDK frees it when it is unreachable.
    Buffer bytes = BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    return new DeflateSegment(level, bytes, event.length(), (int) crc.getValue(), Checksums.crc32Shift(event.length()), (int) adler.getValue());
  }

  private static Deflater deflater(int level) {
    Deflater[] byLevel = DEFLATERS.get();
    Deflater d = byLevel[level];
    if (d == null) {
      d = new Deflater(level, true);
      byLevel[level] = d;
    }
    return d;
  }
}
