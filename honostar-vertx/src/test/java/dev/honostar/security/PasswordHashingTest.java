package dev.honostar.security;

import io.vertx.core.Future;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingTest {

  @Test
  void aFullQueueIsRefusedAtOnceWith503AndWorkRunsOnThePoolsOwnThreads() throws Exception {
    try (PasswordHashing hashing = PasswordHashing.create(Secure.options(s -> s.getLogin().setPasswordHashThreads(1).setPasswordHashQueue(1)))) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      Future<String> running = hashing.submit(() -> {
        started.countDown();
        release.await(10, TimeUnit.SECONDS);
        return Thread.currentThread().getName();
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Future<String> queued = hashing.submit(() -> "queued");
      Future<String> refused = hashing.submit(() -> "never");
      // Refused before anything finished: a flood gets its answer at once, it does not pile up.
      assertThat(refused.failed()).isTrue();
      assertThat(refused.cause()).isInstanceOf(HttpException.class);
      assertThat(((HttpException) refused.cause()).getStatusCode()).isEqualTo(503);
      release.countDown();
      assertThat(running.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).startsWith("honostar-password-hashing-");
      assertThat(queued.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("queued");
    }
  }
}
