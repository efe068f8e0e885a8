package dev.honostar.page;

import io.vertx.core.Future;

import java.util.Map;

/**
 * A layout wraps the pages at or below its route: its template receives the inner HTML as
 * {@code {{{body}}}}, the page's model, and the data returned here (e.g. the signed-in user for
 * the navigation bar). Layouts nest from the innermost to the outermost.
 *
 * <pre>{@code
 * public class AppLayout implements Layout {
 *   public Future<Map<String, Object>> data(PageContext ctx) {
 *     return Future.succeededFuture(Map.of("user", ctx.session().get("user")));
 *   }
 * }
 * }</pre>
 */
public interface Layout {

  /** @return extra template data for this layout, as {@code @layout.*} */
  default Future<Map<String, Object>> data(PageContext ctx) {
    return Future.succeededFuture(Map.of());
  }
}
