package dev.honostar.security.impl;

import dev.honostar.security.PasswordHashing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.HttpException;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed pool over a bounded queue that rejects (never blocks the caller) when full. */
public final class PasswordHashingImpl implements PasswordHashing {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ThreadPoolExecutor pool;

  public PasswordHashingImpl(int threads, int queue) {
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, "honostar-password-hashing-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public <T> Future<T> submit(Callable<T> work) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    try {
      pool.execute(() -> {
        T result;
        try {
          result = work.call();
        } catch (Throwable t) {
          complete(caller, () -> promise.fail(t));
          return;
        }
        complete(caller, () -> promise.complete(result));
      });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new HttpException(503, "Too many sign-ins at once: try again in a moment."));
    }
    return promise.future();
  }

  private static void complete(Context caller, Runnable action) {
    if (caller == null) {
      action.run();
    } else {
      caller.runOnContext(v -> action.run());
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
