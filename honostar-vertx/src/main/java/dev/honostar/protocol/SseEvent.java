package dev.honostar.protocol;

import dev.honostar.protocol.compression.DeflateSegment;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event, encoded once. The bytes are immutable and can be written to any
 * number of connections, which is how a render is fanned out without encoding it again.
 *
 * <p>Fields are written in the order Datastar's SDK specification requires: {@code event:},
 * {@code id:} (if any), {@code retry:} (only when not {@value #DEFAULT_RETRY_MILLIS} ms), the
 * {@code data:} lines, then a blank line, with {@code \n} line endings.
 *
 * <pre>{@code
 * SseEvent event = SseEvent.builder("datastar-patch-signals")
 *     .id("42")
 *     .data("signals", "{\"count\":3}")
 *     .build();
 * }</pre>
 */
public final class SseEvent {

  /** The reconnection delay browsers assume; never written. */
  public static final long DEFAULT_RETRY_MILLIS = 1000;

  private final String type;
  private final Buffer buffer;
  /** The last {@link #deflated(int)} result; racing threads may both compute it, with equal results. */
  private volatile DeflateSegment deflated;

  private SseEvent(String type, Buffer buffer) {
    this.type = type;
    this.buffer = buffer;
  }

  /** @return a builder for an event named {@code type} */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /**
   * A comment: ignored by clients, used to keep idle connections open. Line breaks in
   * {@code text} become separate comment lines so they cannot start a field.
   */
  public static SseEvent comment(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 4);
    for (String line : Lines.split(text)) {
      sb.append(':');
      if (!line.isEmpty()) {
        sb.append(' ').append(line);
      }
      sb.append('\n');
    }
    sb.append('\n');
    return new SseEvent(null, Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Several events written as one: their bytes back to back, compressed and sent together
   * (e.g. the removals, morphs and insertions that update one keyed list).
   *
   * @param events at least one event
   * @return an event whose {@link #type()} is the first one's
   */
  public static SseEvent concat(java.util.List<SseEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    if (events.size() == 1) {
      return events.get(0);
    }
    Buffer all = Buffer.buffer();
    for (SseEvent e : events) {
      all.appendBuffer(e.buffer);
    }
    return new SseEvent(events.get(0).type, all);
  }

  /** @return the event name, or {@code null} for a comment */
  public String type() {
    return type;
  }

  /** @return the encoded bytes; do not modify them */
  public Buffer buffer() {
    return buffer;
  }

  /**
   * @return the event compressed on its own at zlib {@code level}, computed on first use and
   *     then shared by every compressed stream that sends this event
   */
  public DeflateSegment deflated(int level) {
    DeflateSegment d = deflated;
    if (d == null || d.level() != level) {
      d = DeflateSegment.of(buffer, level);
      deflated = d;
    }
    return d;
  }

  /** @return the number of encoded bytes */
  public int length() {
    return buffer.length();
  }

  @Override
  public String toString() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SseEvent other && Objects.equals(type, other.type) && buffer.equals(other.buffer);
  }

  @Override
  public int hashCode() {
    return buffer.hashCode();
  }

  /** Builds one event. Not thread-safe; cheap to create. */
  public static final class Builder {
    private final String type;
    private String id;
    private long retryMillis = DEFAULT_RETRY_MILLIS;
    private final StringBuilder data = new StringBuilder(128);

    private Builder(String type) {
      Objects.requireNonNull(type, "type");
      if (type.isEmpty()) {
        throw new IllegalArgumentException("SSE event name must not be empty");
      }
      this.type = Wire.singleLine("SSE event name", type);
    }

    /**
     * Sets the event id, which the browser echoes as {@code Last-Event-ID} on reconnect.
     *
     * @throws IllegalArgumentException if it contains CR, LF or NUL
     */
    public Builder id(String id) {
      this.id = id == null ? null : Wire.singleLine("SSE event id", id);
      return this;
    }

    /** Sets the reconnection delay; the default of 1000 ms is not written. */
    public Builder retry(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("retry must not be negative: " + millis);
      }
      this.retryMillis = millis;
      return this;
    }

    /**
     * Adds one {@code data:} line per line of {@code text}, each starting with
     * {@code prefix} and a space. CR, LF and CRLF all split lines, so no value can start a
     * new field or event.
     */
    public Builder data(String prefix, String text) {
      for (String line : Lines.split(text)) {
        data.append("data: ").append(prefix).append(' ').append(line).append('\n');
      }
      return this;
    }

    /** @return the encoded event */
    public SseEvent build() {
      StringBuilder sb = new StringBuilder(data.length() + 64);
      sb.append("event: ").append(type).append('\n');
      if (id != null && !id.isEmpty()) {
        sb.append("id: ").append(id).append('\n');
      }
      if (retryMillis != DEFAULT_RETRY_MILLIS) {
        sb.append("retry: ").append(retryMillis).append('\n');
      }
      sb.append(data).append('\n');
      return new SseEvent(type, Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }
}
