package dev.honostar.observability;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Code to run when a request ends, also when the request became a live stream. vertx-web's own
 * end hooks ({@code ctx.addEndHandler}, {@code addBodyEndHandler}) hang on the response and
 * reference the {@link RoutingContext}, and with it the request's parsed parameters, cookies
 * and data: for a live stream that is a few kilobytes kept for hours. So the stream endpoint
 * takes hooks registered here over when it opens a stream, drops vertx-web's, and runs these
 * when the stream closes, whoever closed it. A hook must therefore not capture the context
 * itself: take what it needs from the context first.
 *
 * <pre>{@code
 * router.route().handler(ctx -> {
 *   long start = System.nanoTime();
 *   String path = ctx.request().path();
 *   RequestEnd.add(ctx, cut -> log.info("{} took {} ms{}", path, (System.nanoTime() - start) / 1_000_000,
 *     cut ? " (connection closed)" : ""));
 *   ctx.next();
 * });
 * }</pre>
 */
public final class RequestEnd {

  /** RoutingContext data key of the hooks (a list), for {@link #detach(RoutingContext)}. */
  public static final String KEY = "honostar.requestEnd";

  private RequestEnd() {
  }

  /**
   * Runs {@code hook} once when the request ends: with {@code false} when the response ended,
   * {@code true} when the connection closed first.
   */
  public static void add(RoutingContext ctx, Handler<Boolean> hook) {
    Once once = new Once(hook);
    List<Handler<Boolean>> hooks = ctx.get(KEY);
    if (hooks == null) {
      hooks = new ArrayList<>(2);
      ctx.put(KEY, hooks);
    }
    hooks.add(once);
    ctx.addEndHandler(ar -> once.handle(ar.failed()));
    ctx.addBodyEndHandler(v -> once.handle(false));
  }

  /**
   * For a response that outlives its request's handling (a live stream): removes vertx-web's end
   * hooks from the response, so it no longer references the context, and returns the hooks
   * registered with {@link #add}; the caller runs them when the response ends or its connection
   * closes. Other hooks added with {@code ctx.addEndHandler} or {@code addBodyEndHandler} no
   * longer run.
   *
   * @return the hooks to run at the end, possibly none
   */
  public static List<Handler<Boolean>> detach(RoutingContext ctx) {
    List<Handler<Boolean>> hooks = ctx.remove(KEY);
    ctx.response().endHandler(null).bodyEndHandler(null).headersEndHandler(null);
    return hooks == null ? List.of() : hooks;
  }

  /** Both of vertx-web's hooks may fire for one request; the caller's runs once. */
  private static final class Once implements Handler<Boolean> {
    private final Handler<Boolean> hook;
    private boolean ran;

    Once(Handler<Boolean> hook) {
      this.hook = hook;
    }

    @Override
    public void handle(Boolean cut) {
      if (!ran) {
        ran = true;
        hook.handle(cut);
      }
    }
  }
}
