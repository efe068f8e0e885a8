package dev.honostar.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench page's long list ({@code BENCH_LIST_ITEMS}): the newest items first, each stamped
 * with the wall clock of its creation; an event puts one new item first and drops the oldest.
 * Thread-safe: the command adds while queries read.
 */
final class BenchList {

  private final int size;
  private final Deque<Map<String, Object>> items = new ArrayDeque<>();
  private long next;

  BenchList(int size) {
    this.size = size;
    long now = BenchModel.nowMicros();
    for (int i = 0; i < size; i++) {
      add(now);
    }
  }

  synchronized void add(long tsMicros) {
    long id = next++;
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id);
    item.put("name", "Entry " + id + " of the activity feed");
    item.put("note", "by user" + (id % 7) + ", " + (id % 3 == 0 ? "a comment" : "a status change"));
    item.put("ts", tsMicros);
    items.addFirst(item);
    if (items.size() > size) {
      items.removeLast();
    }
  }

  synchronized Map<String, Object> model() {
    List<Map<String, Object>> copy = new ArrayList<>(items);
    return Map.of("items", copy);
  }
}
