package ${package}.routes;

import io.vertx.core.Future;
import dev.honostar.page.PageContext;

import java.util.Map;

/** Wraps every page of this package and below (template {@code layout}); its data is {@code @layout}. */
public final class Layout implements dev.honostar.page.Layout {

  @Override
  public Future<Map<String, Object>> data(PageContext ctx) {
    return Future.succeededFuture(Map.of("appName", "${artifactId}"));
  }
}
