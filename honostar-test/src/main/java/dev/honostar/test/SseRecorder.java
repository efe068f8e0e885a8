package dev.honostar.test;

import dev.honostar.test.impl.SseRecorderImpl;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A tiny SSE client that records a stream for protocol assertions: status, headers, every
 * event (parsed by {@link SseParser}, raw text kept) and every comment (heartbeats). A stream
 * the server compressed ({@code Content-Encoding: gzip} or {@code deflate}, when the request
 * sent {@code Accept-Encoding}) is decoded chunk by chunk as it arrives, as a browser does.
 *
 * <pre>{@code
 * try (SseRecorder rec = SseRecorder.open(vertx, app.baseUrl() + "/clock", MultiMap.caseInsensitiveMultiMap())) {
 *   assertThat(rec.status()).isEqualTo(200);
 *   ReceivedEvent first = rec.awaitEvents(1).get(0);
 *   assertThat(first.datastar("elements")).contains("id=\"now\"");
 * }
 * }</pre>
 */
public interface SseRecorder extends AutoCloseable {

  /** Opens {@code GET url} with the given headers and waits (default timeout) until the response headers arrived. */
  static SseRecorder open(Vertx vertx, String url, MultiMap headers) {
    return SseRecorderImpl.open(vertx, url, headers, HonoStarTest.DEFAULT_TIMEOUT);
  }

  int status();

  MultiMap headers();

  /** @return the events so far */
  List<ReceivedEvent> events();

  /** @return the comment lines so far (without the colon and one leading space) */
  List<String> comments();

  /** @return everything received so far, as text */
  String text();

  /** Waits until at least {@code n} events arrived; returns all events so far. */
  List<ReceivedEvent> awaitEvents(int n);

  /** Waits for an event matching the predicate and returns it. */
  ReceivedEvent awaitEvent(Predicate<ReceivedEvent> predicate);

  /** Waits for at least {@code n} comments (heartbeats). */
  List<String> awaitComments(int n);

  /** Waits until the server ended the stream. */
  SseRecorder awaitEnd();

  /** @return whether the stream ended or was closed */
  boolean ended();

  SseRecorder timeout(Duration timeout);

  /** Closes the connection. */
  @Override
  void close();
}
