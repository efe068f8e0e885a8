package dev.honostar.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Runs blocking loaders and commands off the event loop: on a virtual thread per task when
 * the JVM has them (Java 21+), else on Vert.x's worker pool. The result is delivered back on
 * the caller's context. The project compiles for Java 17, so virtual threads are reached
 * through a method handle.
 */
public final class BlockingExecutor implements AutoCloseable {

  private final Vertx vertx;
  private final ExecutorService virtualThreads;

  private BlockingExecutor(Vertx vertx, ExecutorService virtualThreads) {
    this.vertx = vertx;
    this.virtualThreads = virtualThreads;
  }

  /**
   * @param preferVirtualThreads use virtual threads when available (the default)
   */
  public static BlockingExecutor create(Vertx vertx, boolean preferVirtualThreads) {
    return new BlockingExecutor(vertx, preferVirtualThreads ? newVirtualThreadExecutor() : null);
  }

  /** @return whether this JVM offers virtual threads (Java 21+) */
  public static boolean virtualThreadsAvailable() {
    return Runtime.version().feature() >= 21;
  }

  /** @return whether tasks run on virtual threads */
  public boolean usesVirtualThreads() {
    return virtualThreads != null;
  }

  public <T> Future<T> run(Callable<T> work) {
    Context caller = vertx.getOrCreateContext();
    if (virtualThreads == null) {
      return caller.executeBlocking(work, false);
    }
    Promise<T> promise = Promise.promise();
    virtualThreads.execute(() -> {
      T result;
      try {
        result = work.call();
      } catch (Throwable t) {
        caller.runOnContext(v -> promise.fail(t));
        return;
      }
      caller.runOnContext(v -> promise.complete(result));
    });
    return promise.future();
  }

  @Override
  public void close() {
    if (virtualThreads != null) {
      virtualThreads.shutdown();
    }
  }

  private static ExecutorService newVirtualThreadExecutor() {
    if (!virtualThreadsAvailable()) {
      return null;
    }
    try {
      MethodHandle factory = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
        "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (Throwable e) {
      return null;
    }
  }
}
