package dev.honostar.bus.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the events a node delivered lately, at most {@code capacity} (oldest out first). Publishers that may send
 * an event twice (the outbox relay re-publishing a crashed node's rows) rely on it: a node delivers an id once while
 * the id is within this window. Thread-safe; events arrive from broker threads and event loops.
 */
final class RecentIds {

  /** Ids remembered per node: at 1,000 events a second, a re-publication up to 16 s late is still dropped. */
  static final int DEFAULT_CAPACITY = 16_384;

  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** @return whether {@code id} is new (and now remembered); an empty id is always new and never remembered */
  synchronized boolean firstTime(String id) {
    return id.isEmpty() || ids.putIfAbsent(id, Boolean.TRUE) == null;
  }
}
