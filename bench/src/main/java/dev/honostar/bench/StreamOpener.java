package dev.honostar.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Opens many streams, at most {@code concurrency} at once, each from one of the generator's
 * event loops in turn: a connection stays on the loop it was opened from, and opening them all
 * from one context put every stream on a single thread (its latency then measured that
 * thread's backlog).
 */
final class StreamOpener {

  private StreamOpener() {
  }

  /** @return completed once every open has finished, succeeded or not */
  static <T> Future<Void> openAll(List<T> streams, List<Context> loops, int concurrency, Function<T, Future<?>> open) {
    Promise<Void> all = Promise.promise();
    if (streams.isEmpty()) {
      all.complete();
      return all.future();
    }
    int limit = concurrency <= 0 ? streams.size() : Math.min(concurrency, streams.size());
    AtomicInteger index = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      int i = index.getAndIncrement();
      if (i >= streams.size()) {
        return;
      }
      // Always through runOnContext, never a direct call: opens that fail at once would
      // otherwise recurse until the stack overflows.
      loops.get(i % loops.size()).runOnContext(v -> open.apply(streams.get(i)).onComplete(ar -> {
        if (finished.incrementAndGet() == streams.size()) {
          all.tryComplete();
        } else {
          step[0].run();
        }
      }));
    };
    for (int i = 0; i < limit; i++) {
      step[0].run();
    }
    return all.future();
  }
}
