package dev.honostar.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A latency recorder with one {@link SingleWriterRecorder} per recording thread, merged when
 * read. One shared {@code Recorder} written by every event loop made its counters the
 * generator's hottest spot (cache-line contention), which inflated the very latencies it measured.
 */
final class ThreadRecorder {

  private final List<SingleWriterRecorder> all = new CopyOnWriteArrayList<>();
  private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(() -> {
    SingleWriterRecorder r = new SingleWriterRecorder(3_600_000_000L, 3);
    all.add(r);
    return r;
  });

  void recordValue(long value) {
    mine.get().recordValue(value);
  }

  /** @return what every thread recorded since the previous call */
  Histogram getIntervalHistogram() {
    Histogram sum = new Histogram(3_600_000_000L, 3);
    for (SingleWriterRecorder r : all) {
      sum.add(r.getIntervalHistogram());
    }
    return sum;
  }
}
