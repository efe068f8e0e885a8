package ${package}.routes;

import ${package}.Counter;
import dev.honostar.command.Command;
import dev.honostar.command.Handlers;
import io.vertx.core.Future;

import java.util.Map;

/** {@code POST /increment}: one more, and every tab on the counter topic re-renders its region. */
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
