package dev.honostar.test.impl;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip or deflate response body chunk by chunk, as a browser does, so that what the
 * server flushed is readable as soon as its bytes arrive (a stream decoder would wait for more).
 */
final class Inflating {

  /** gzip's fixed header: magic, method, flags, time, extra flags, OS (servers set no optional fields). */
  private static final int GZIP_HEADER = 10;

  private final Inflater inflater;
  private int headerLeft;

  private Inflating(boolean gzip) {
    this.inflater = new Inflater(gzip);
    this.headerLeft = gzip ? GZIP_HEADER : 0;
  }

  /** @return a decoder for this {@code Content-Encoding}, or null when the body is not compressed (or compressed otherwise) */
  static Inflating forEncoding(String contentEncoding) {
    if ("gzip".equalsIgnoreCase(contentEncoding)) {
      return new Inflating(true);
    }
    if ("deflate".equalsIgnoreCase(contentEncoding)) {
      return new Inflating(false);
    }
    return null;
  }

  /** @return the bytes this chunk decodes to (what it completes of earlier ones included) */
  byte[] inflate(byte[] chunk) {
    int offset = Math.min(headerLeft, chunk.length);
    headerLeft -= offset;
    inflater.setInput(chunk, offset, chunk.length - offset);
    ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    byte[] out = new byte[8192];
    try {
      int n;
      while ((n = inflater.inflate(out)) > 0) {
        decoded.write(out, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("The compressed stream is corrupt: " + e.getMessage(), e);
    }
    return decoded.toByteArray();
  }
}
