package dev.honostar.protocol.compression;

import dev.honostar.protocol.SseEvent;
import io.vertx.core.buffer.Buffer;

/**
 * The compressor of one stream. Each {@link #compress(SseEvent)} returns the event compressed
 * and flushed, so the bytes returned so far decode to every event written so far. Not
 * thread-safe; {@link #close()} releases native memory and must be called once the stream ends.
 */
public interface SseCompressor {

  /** @return the {@code Content-Encoding}: {@code gzip}, {@code deflate} or {@code br} */
  String encoding();

  /** Compresses and flushes one event (or heartbeat). */
  Buffer compress(SseEvent event);

  /** Ends the compressed stream (trailer) and releases the state. */
  Buffer finish();

  /** Releases the state without a trailer (connection lost or reset). Idempotent. */
  void close();
}
