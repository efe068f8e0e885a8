package dev.honostar.examples.hello.routes;

import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import dev.honostar.examples.hello.Counter;
import io.vertx.core.Future;

import java.util.Map;

/** {@code POST /increment}: count one more and tell every tab. */
public final class IncrementCommand implements Command {

  private final Counter counter;

  public IncrementCommand(Counter counter) {
    this.counter = counter;
  }

  @Override
  public void handlers(Handlers on) {
    on.post(ctx -> {
      long n = counter.increment();
      ctx.publish(Counter.TOPIC, "incremented", Map.of("count", n));
      return Future.succeededFuture();
    });
  }
}
