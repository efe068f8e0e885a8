package dev.honostar.verticles;

import dev.honostar.verticles.impl.NodeSharedImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One value per node (per {@link Vertx} instance) for every verticle instance that asks for it
 * under the same key: the first creates it, the others get the same one, and it is closed
 * when the last lets go. {@code -instances N} then serves one app, one live hub and one bus
 * connection per node instead of N of each.
 *
 * <p>The value lives in the Vert.x instance's local shared data, not in a static field, so two
 * Vert.x instances in one JVM (tests, embedding) each have their own.
 *
 * <pre>{@code
 * public class HelloVerticle extends VerticleBase {
 *   private NodeShared<Router> app;
 *   public Future<?> start() {
 *     app = NodeShared.acquire(vertx, "hello", () -> new HelloApp().router(vertx, options), router -> Future.succeededFuture());
 *     return app.value().compose(router -> vertx.createHttpServer().requestHandler(router).listen(8080));
 *   }
 *   public Future<?> stop() { return app.release(); }
 * }
 * }</pre>
 *
 * @param <T> what is shared
 */
public interface NodeShared<T> {

  /** Name of the Vert.x local map that holds the shared values. */
  String LOCAL_MAP = "dev.honostar.verticles.node-shared";

  /**
   * Takes a share of the value under {@code key}, creating it with {@code create} (on the
   * caller's context) when nobody holds it yet.
   *
   * @param close runs once, after the last share was released, when the value was created
   */
  static <T> NodeShared<T> acquire(Vertx vertx, String key, Supplier<Future<T>> create, Function<T, Future<Void>> close) {
    return NodeSharedImpl.acquire(vertx, key, create, close);
  }

  /** @return the shared value, once created (a failed creation fails every share) */
  Future<T> value();

  /** @return whether this share created the value (it runs once-per-node work, such as logging) */
  boolean created();

  /**
   * Gives this share back; the last one closes the value. Calling it again does nothing.
   *
   * @return completes when this share is released (and, for the last one, the value closed)
   */
  Future<Void> release();
}
