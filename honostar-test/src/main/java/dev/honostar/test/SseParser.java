package dev.honostar.test;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An incremental {@code text/event-stream} parser following the WHATWG rules: lines end with
 * {@code \r\n}, {@code \n} or {@code \r} (also when a {@code \r\n} pair is split between
 * chunks); a line starting with {@code :} is a comment; {@code field: value} loses one space
 * after the colon; a line without a colon is a field with an empty value; {@code data} lines
 * are joined with {@code \n}; {@code retry} takes digits only; an {@code id} containing NUL is
 * ignored; a blank line dispatches the event. Bytes are decoded as UTF-8 per line, so a
 * multi-byte character split between chunks is decoded correctly; a leading BOM is skipped.
 *
 * <p>Unlike the WHATWG dispatch rule (which drops events without data), an event block that set
 * any field is dispatched, as the Datastar runtime's own parser does; blocks of comments only
 * are not events (comments are reported separately). Not thread-safe: feed it from one thread.
 *
 * <pre>{@code
 * List<ReceivedEvent> events = SseParser.parse("event: a\ndata: 1\n\n: ping\n\n");
 * }</pre>
 */
public final class SseParser {

  private final Consumer<ReceivedEvent> onEvent;
  private final Consumer<String> onComment;
  private final ReceivedEvent.Source source;

  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean lastWasCr;
  private boolean started;

  private String type;
  private StringBuilder data;
  private String id;
  private Long retry;
  private boolean any;
  private final StringBuilder raw = new StringBuilder();

  public SseParser(ReceivedEvent.Source source, Consumer<ReceivedEvent> onEvent, Consumer<String> onComment) {
    this.source = source;
    this.onEvent = onEvent;
    this.onComment = onComment == null ? c -> { } : onComment;
  }

  /** Parses a complete stream text. An unterminated last event (no blank line) is not dispatched, as in a browser. */
  public static List<ReceivedEvent> parse(String text) {
    List<ReceivedEvent> out = new ArrayList<>();
    SseParser p = new SseParser(ReceivedEvent.Source.RAW, out::add, null);
    p.feed(text.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  public void feed(Buffer chunk) {
    feed(chunk.getBytes());
  }

  public void feed(byte[] bytes) {
    for (byte b : bytes) {
      if (lastWasCr) {
        lastWasCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else if (b == '\n') {
        endLine();
      } else {
        line.write(b);
      }
    }
  }

  /** The stream ended: an incomplete event is discarded (the WHATWG rule). */
  public void end() {
    line.reset();
    reset();
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (!started) {
      started = true;
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
    }
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (raw.length() > 0) {
      raw.append('\n');
    }
    raw.append(text);
    if (text.charAt(0) == ':') {
      onComment.accept(text.substring(1).startsWith(" ") ? text.substring(2) : text.substring(1));
      return;
    }
    int colon = text.indexOf(':');
    String field;
    String value;
    if (colon < 0) {
      field = text;
      value = "";
    } else {
      field = text.substring(0, colon);
      value = text.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
    }
    switch (field) {
      case "event" -> {
        type = value;
        any = true;
      }
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
        any = true;
      }
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          id = value;
          any = true;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          try {
            retry = Long.parseLong(value);
            any = true;
          } catch (NumberFormatException ignored) {
            // Too many digits: ignored like any invalid retry.
          }
        }
      }
      default -> {
        // Unknown fields are ignored.
      }
    }
  }

  private void dispatch() {
    if (any) {
      onEvent.accept(new ReceivedEvent(type, data == null ? "" : data.toString(), id, retry, raw.toString(), source));
    }
    reset();
  }

  private void reset() {
    type = null;
    data = null;
    id = null;
    retry = null;
    any = false;
    raw.setLength(0);
  }
}
