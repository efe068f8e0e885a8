package dev.honostar.upload.impl;

import java.util.concurrent.ConcurrentHashMap;

/** Uploads in progress per client on this node; an entry lives only while its client has one. */
final class ParallelUploads {

  private final ConcurrentHashMap<String, Integer> active = new ConcurrentHashMap<>();

  boolean tryAcquire(String client, int max) {
    boolean[] ok = {false};
    active.compute(client, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        return n;
      }
      ok[0] = true;
      return now + 1;
    });
    return ok[0];
  }

  void release(String client) {
    active.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  int clients() {
    return active.size();
  }
}
