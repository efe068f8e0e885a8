package dev.honostar.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict SSE parser for tests, following the WHATWG event-stream rules. */
final class SseParser {

  record Event(String type, String id, String retry, List<String> data, Map<String, List<String>> fields) {
    /** The data lines whose first word is {@code prefix}, without it. */
    List<String> data(String prefix) {
      List<String> out = new ArrayList<>();
      for (String line : data) {
        if (line.startsWith(prefix + " ")) {
          out.add(line.substring(prefix.length() + 1));
        } else if (line.equals(prefix)) {
          out.add("");
        }
      }
      return out;
    }
  }

  private SseParser() {
  }

  static List<Event> parse(String stream) {
    List<Event> events = new ArrayList<>();
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String line : Lines.split(stream)) {
      if (line.isEmpty()) {
        if (!fields.isEmpty()) {
          events.add(toEvent(fields));
          fields = new LinkedHashMap<>();
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    if (!fields.isEmpty()) {
      throw new AssertionError("stream ends inside an event: " + fields);
    }
    return events;
  }

  private static Event toEvent(Map<String, List<String>> f) {
    return new Event(first(f, "event"), first(f, "id"), first(f, "retry"), f.getOrDefault("data", List.of()), f);
  }

  private static String first(Map<String, List<String>> f, String name) {
    List<String> v = f.get(name);
    return v == null ? null : v.get(0);
  }
}
