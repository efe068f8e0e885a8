package dev.honostar.page;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

/**
 * What a page's loader sees of its request.
 *
 * <pre>{@code
 * public Future<Issue> load(PageContext ctx) {
 *   long id = Long.parseLong(ctx.pathParam("id"));
 *   return issues.find(id).compose(found -> found == null ? ctx.notFound() : Future.succeededFuture(found));
 * }
 * }</pre>
 */
public interface PageContext {

  RoutingContext routingContext();

  Vertx vertx();

  /** @return a path parameter, e.g. {@code id} of {@code /issues/:id} */
  String pathParam(String name);

  /** @return the first value of a query parameter, or {@code null} */
  String queryParam(String name);

  /** @return the browser's session (always present) */
  Session session();

  /**
   * Runs blocking code on a virtual thread (Java 21+) or a worker thread, never on the event
   * loop.
   */
  <T> Future<T> blocking(Callable<T> work);

  /** @return a failed future that makes the page answer with a redirect to {@code href} */
  default <T> Future<T> redirect(String href) {
    return Future.failedFuture(HaltException.redirect(href));
  }

  /** @return a failed future that makes the page answer 404 */
  default <T> Future<T> notFound() {
    return Future.failedFuture(HaltException.notFound());
  }

  /** For blocking loaders: {@code throw PageContext.notFoundException()}. */
  static HaltException notFoundException() {
    return HaltException.notFound();
  }

  /** For blocking loaders: {@code throw PageContext.redirectException("/login")}. */
  static HaltException redirectException(String href) {
    return HaltException.redirect(href);
  }
}
