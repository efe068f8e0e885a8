package dev.honostar.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the bus tests. */
public final class TestSupport {

  private TestSupport() {
  }

  /** A prefix no other test run uses, so tests can share the Redis and NATS servers. */
  public static String uniquePrefix() {
    return "hstest-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Completes when the condition holds, polled with a Vert.x timer; fails after the timeout. */
  public static Future<Void> eventually(Vertx vertx, long timeoutMs, String what, BooleanSupplier condition) {
    Promise<Void> promise = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        promise.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        promise.tryFail(new AssertionError("Timed out after " + timeoutMs + " ms waiting for " + what));
      }
    });
    return promise.future();
  }

  /** Waits for a future on a test (non-Vert.x) thread. */
  public static <T> T await(Future<T> future, long timeoutMs) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("Future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("Future did not complete within " + timeoutMs + " ms", e);
    }
  }

  /** The java binary of this JVM, for child processes. */
  public static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
