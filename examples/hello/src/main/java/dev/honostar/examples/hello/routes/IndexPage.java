package dev.honostar.examples.hello.routes;

import dev.honostar.bus.Topic;
import dev.honostar.examples.hello.Counter;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Set;

/** {@code /}: the count, a button, and a subscription to the counter topic (template {@code index}). */
public final class IndexPage implements Page<Map<String, Object>> {

  private final Counter counter;

  public IndexPage(Counter counter) {
    this.counter = counter;
  }

  @Override
  public Future<Map<String, Object>> load(PageContext ctx) {
    return Future.succeededFuture(Map.of("count", counter.get()));
  }

  @Override
  public void head(Head head, Map<String, Object> model) {
    head.title("Hello, HonoStar");
  }

  @Override
  public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
    return Set.of(Counter.TOPIC);
  }

  @Override
  public void queries(Queries q) {
    // When the counter changes, re-render the region once and send it to every tab.
    q.on("counter", qc -> Future.succeededFuture(Map.of("count", counter.get())), "counter/count");
  }
}
