package dev.honostar.page;

import io.vertx.core.Future;

/**
 * A page whose loader is plain blocking code. It runs on a virtual thread when the JVM has
 * them (Java 21+), otherwise on a Vert.x worker thread; never on the event loop.
 *
 * <pre>{@code
 * public class IssuePage implements BlockingPage<Issue> {
 *   public Issue loadBlocking(PageContext ctx) throws Exception {
 *     return repository.find(Long.parseLong(ctx.pathParam("id")))   // JDBC
 *         .orElseThrow(PageContext::notFoundException);
 *   }
 * }
 * }</pre>
 */
public interface BlockingPage<M> extends Page<M> {

  /** Loads the model; may block. Throw {@link PageContext#notFoundException()} or {@link PageContext#redirectException(String)} to short-circuit. */
  M loadBlocking(PageContext ctx) throws Exception;

  @Override
  default Future<M> load(PageContext ctx) {
    return ctx.blocking(() -> loadBlocking(ctx));
  }
}
