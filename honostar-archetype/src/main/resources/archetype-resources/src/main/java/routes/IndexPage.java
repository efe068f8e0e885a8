package ${package}.routes;

import ${package}.Counter;
import dev.honostar.bus.Topic;
import dev.honostar.page.Head;
import dev.honostar.page.Page;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Set;

/** {@code /} (template {@code index}): the count and a button; live in every open tab. */
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
    head.title("${artifactId}");
  }

  @Override
  public Set<Topic> topics(PageContext ctx, Map<String, Object> model) {
    return Set.of(Counter.TOPIC);
  }

  @Override
  public void queries(Queries q) {
    // When the count changes: render the region (template counter/count) once, send it to every tab.
    q.on("counter", qc -> Future.succeededFuture(Map.of("count", counter.get())), "counter/count");
  }
}
