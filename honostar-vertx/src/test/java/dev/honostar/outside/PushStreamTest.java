package dev.honostar.outside;

import static dev.honostar.bus.TestSupport.await;
import static dev.honostar.bus.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A push source that cannot pause: bounded while paused, and an overflow is reported (the feed resyncs on it). */
class PushStreamTest {

  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    await(vertx.close(), 10_000);
  }

  @Test
  void keepsBufferSizeItemsWhilePausedThenReportsWhatItDropped() {
    Context context = vertx.getOrCreateContext();
    PushStream<Integer> stream = new PushStream<>(context, 3);
    List<Integer> got = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<String> ended = new CopyOnWriteArrayList<>();
    stream.exceptionHandler(errors::add).endHandler(v -> ended.add("end")).handler(got::add);
    context.runOnContext(v -> stream.pause());
    for (int i = 0; i < 10; i++) {
      stream.push(i);
    }
    stream.end();
    context.runOnContext(v -> stream.resume());
    await(eventually(vertx, 5_000, "the end", () -> !ended.isEmpty()), 6_000);
    assertThat(got).containsExactly(0, 1, 2);
    assertThat(errors).singleElement().isInstanceOf(PushStream.OverflowException.class)
      .extracting(Throwable::getMessage).asString().startsWith("7 events dropped");
  }
}
