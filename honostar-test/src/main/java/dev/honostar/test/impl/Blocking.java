package dev.honostar.test.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on the test thread, never on an event loop. */
public final class Blocking {

  private Blocking() {
  }

  public static void checkThread() {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("The HonoStar test kit blocks: call it from the test thread, not from a Vert.x thread ("
        + Thread.currentThread().getName() + ")");
    }
  }

  public static <T> T await(Future<T> future, Duration timeout, String what) {
    return await(future.toCompletionStage().toCompletableFuture(), timeout, what);
  }

  public static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    checkThread();
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Timed out after " + format(timeout) + " " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(what + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what, e);
    }
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
