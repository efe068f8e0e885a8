package dev.honostar.protocol.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import dev.honostar.protocol.SseEvent;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Brotli through brotli4j's native encoder, flushed after every event. Loaded only when
 * brotli4j and its native library for this platform are on the class path.
 */
final class BrotliCompressor implements SseCompressor {

  private static final int INPUT_BUFFER = 16 * 1024;

  private final EncoderJNI.Wrapper encoder;
  private boolean closed;

  BrotliCompressor(int quality, int windowBits) {
    try {
      encoder = new EncoderJNI.Wrapper(INPUT_BUFFER, quality, windowBits, Encoder.Mode.TEXT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean available() {
    return Brotli4jLoader.isAvailable();
  }

  /**
   * The encoder's resident native state, as measured on Linux x86-64 with brotli4j 1.18 after
   * a few 8 KB events (docs/benchmarks.md): about 60 KiB at quality 0-1 with a 64 KiB window,
   * 330 KiB at 2-3, 600 KiB at 4, 440 KiB at 5-9; the window adds its own size.
   */
  static int stateBytes(int quality, int windowBits) {
    int ring = 1 << windowBits;
    int rest = quality <= 1 ? 0 : quality <= 3 ? 260 << 10 : quality == 4 ? 530 << 10 : quality <= 9 ? 370 << 10 : 4 << 20;
    return ring + rest;
  }

  @Override
  public String encoding() {
    return "br";
  }

  @Override
  public Buffer compress(SseEvent sse) {
    Buffer event = sse.buffer();
    Buffer result = Buffer.buffer(256);
    byte[] bytes = event.getBytes();
    int offset = 0;
    while (offset < bytes.length) {
      ByteBuffer input = encoder.getInputBuffer();
      input.clear();
      int n = Math.min(input.remaining(), bytes.length - offset);
      input.put(bytes, offset, n);
      offset += n;
      push(EncoderJNI.Operation.PROCESS, n, result);
    }
    push(EncoderJNI.Operation.FLUSH, 0, result);
    return result;
  }

  /** As brotli's own Java encoder does: push once, then pull output and push again until done. */
  private void push(EncoderJNI.Operation op, int length, Buffer result) {
    encoder.push(op, length);
    while (true) {
      if (!encoder.isSuccess()) {
        throw new IllegalStateException("brotli encoder failed");
      }
      if (encoder.hasMoreOutput()) {
        ByteBuffer out = encoder.pull();
        byte[] chunk = new byte[out.remaining()];
        out.get(chunk);
        result.appendBytes(chunk);
      } else if (encoder.hasRemainingInput()) {
        encoder.push(op, 0);
      } else {
        return;
      }
    }
  }

  @Override
  public Buffer finish() {
    Buffer result = Buffer.buffer(16);
    if (!closed) {
      push(EncoderJNI.Operation.FINISH, 0, result);
      close();
    }
    return result;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      encoder.destroy();
    }
  }
}
