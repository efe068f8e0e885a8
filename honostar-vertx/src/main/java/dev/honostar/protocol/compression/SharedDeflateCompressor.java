package dev.honostar.protocol.compression;

import dev.honostar.protocol.SseEvent;
import io.vertx.core.buffer.Buffer;

/**
 * gzip or deflate (zlib) made of {@link DeflateSegment}s: every event's compressed bytes are
 * computed once and shared by all streams, so a stream costs a few checksum operations per
 * event and a few dozen bytes of state, instead of a compressor of its own. The price is the
 * ratio: events are compressed without the previous ones as dictionary.
 */
final class SharedDeflateCompressor implements SseCompressor {

  /** An empty fixed-Huffman block marked final: ends the deflate data. */
  private static final byte[] FINAL_BLOCK = {0x03, 0x00};

  private final boolean gzip;
  private final int level;
  private boolean headerSent;
  private boolean finished;
  private int crc;
  private int adler = 1;
  private long size;

  SharedDeflateCompressor(boolean gzip, int level) {
    this.gzip = gzip;
    this.level = level;
  }

  @Override
  public String encoding() {
    return gzip ? "gzip" : "deflate";
  }

  @Override
  public Buffer compress(SseEvent event) {
    DeflateSegment segment = event.deflated(level);
    crc = Checksums.crc32Combine(crc, segment.crc32(), segment.crc32Shift());
    adler = Checksums.adler32Combine(adler, segment.adler32(), segment.length());
    size += segment.length();
    if (headerSent) {
      return segment.bytes();
    }
    headerSent = true;
    return header().appendBuffer(segment.bytes());
  }

  private Buffer header() {
    if (gzip) {
      return Buffer.buffer(Zlib.GZIP_HEADER.length + 256).appendBytes(Zlib.GZIP_HEADER);
    }
    // zlib: deflate with a 32 KiB window; FLEVEL tells the level, FCHECK makes the pair a multiple of 31.
    int cmf = 0x78;
    int flevel = level == 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3;
    int flg = flevel << 6;
    flg += (31 - ((cmf << 8) + flg) % 31) % 31;
    return Buffer.buffer(258).appendByte((byte) cmf).appendByte((byte) flg);
  }

  @Override
  public Buffer finish() {
    Buffer result = Buffer.buffer(16);
    if (finished) {
      return result;
    }
    finished = true;
    if (!headerSent) {
      result.appendBuffer(header());
    }
    result.appendBytes(FINAL_BLOCK);
    if (gzip) {
      result.appendIntLE(crc).appendIntLE((int) size);
    } else {
      result.appendInt(adler);
    }
    return result;
  }

  @Override
  public void close() {
    finished = true;
  }
}
