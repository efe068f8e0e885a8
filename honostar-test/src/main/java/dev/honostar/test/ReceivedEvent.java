package dev.honostar.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One server-sent event as a client received it: the parsed fields plus the raw text of the
 * event block (every line up to the blank line that ended it, comments included).
 *
 * <p>For Datastar events ({@code datastar-patch-elements}, {@code datastar-patch-signals}),
 * {@link #datastar()} splits the data lines into their {@code key value} pairs the way the
 * v1.0.2 runtime does: each data line is {@code key SP value}, and repeated keys are joined
 * with {@code \n}.
 *
 * <p>A Datastar direct reply (a {@code 200 text/html}, {@code application/json} or
 * {@code text/javascript} answer to an action) is recorded as the event it stands for, with
 * {@link #source()} {@link Source#REPLY} and the HTTP body as {@link #raw()}.
 */
public final class ReceivedEvent {

  /** Where an event came from. */
  public enum Source {
    /** The page's live stream ({@code data-init} stream, e.g. {@code /_/events}). */
    STREAM,
    /** The {@code text/event-stream} answer to an action. */
    ACTION_STREAM,
    /** A direct (non-stream) answer to an action, converted to the event it stands for. */
    REPLY,
    /** An {@link SseRecorder} or {@link SseParser} outside a tab. */
    RAW
  }

  private final String type;
  private final String data;
  private final String id;
  private final Long retry;
  private final String raw;
  private final Source source;

  public ReceivedEvent(String type, String data, String id, Long retry, String raw, Source source) {
    this.type = type == null || type.isEmpty() ? "message" : type;
    this.data = data == null ? "" : data;
    this.id = id;
    this.retry = retry;
    this.raw = raw == null ? "" : raw;
    this.source = Objects.requireNonNull(source, "source");
  }

  /** @return the event type ({@code event:} field), {@code "message"} when absent */
  public String type() {
    return type;
  }

  /** @return the data lines joined with {@code \n} (empty when there were none) */
  public String data() {
    return data;
  }

  /** @return the data lines */
  public List<String> dataLines() {
    return data.isEmpty() ? List.of() : List.of(data.split("\n", -1));
  }

  /** @return the {@code id:} field of this event, or null */
  public String id() {
    return id;
  }

  /** @return the {@code retry:} field of this event (milliseconds), or null */
  public Long retry() {
    return retry;
  }

  /** @return the exact text of the event block, lines separated by {@code \n} */
  public String raw() {
    return raw;
  }

  public Source source() {
    return source;
  }

  /** @return whether this is a {@code datastar-*} event */
  public boolean isDatastar() {
    return type.startsWith("datastar");
  }

  /**
   * @return the Datastar fields of the data lines ({@code elements}, {@code selector},
   *     {@code mode}, {@code signals}, {@code onlyIfMissing}, …), in order of first appearance
   */
  public Map<String, String> datastar() {
    Map<String, StringBuilder> acc = new LinkedHashMap<>();
    for (String line : dataLines()) {
      int sp = line.indexOf(' ');
      // As the runtime: no space means the whole line is the key with an empty value.
      String key = sp < 0 ? line : line.substring(0, sp);
      String value = sp < 0 ? "" : line.substring(sp + 1);
      StringBuilder sb = acc.get(key);
      if (sb == null) {
        acc.put(key, new StringBuilder(value));
      } else {
        sb.append('\n').append(value);
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, v.toString()));
    return Collections.unmodifiableMap(out);
  }

  /** @return one Datastar field, see {@link #datastar()}, or null */
  public String datastar(String key) {
    return datastar().get(key);
  }

  @Override
  public String toString() {
    return "[" + source.name().toLowerCase() + "] " + (raw.isEmpty() ? "event: " + type + "\ndata: " + data : raw);
  }
}
