package dev.honostar.security;

import dev.honostar.security.impl.PasswordHashingImpl;
import io.vertx.core.Future;

import java.util.concurrent.Callable;

/**
 * A small pool of its own for password hashing (bcrypt, scrypt, Argon2...). Hashing is slow on
 * purpose; on the shared worker pool a flood of logins would queue page loads behind it. Here
 * at most {@code passwordHashThreads} hashes run at once and {@code passwordHashQueue} wait;
 * beyond that a task fails at once with a 503 ({@link io.vertx.ext.web.handler.HttpException},
 * which the framework answers with {@code Retry-After}) instead of piling up. The result comes
 * back on the caller's Vert.x context. Threads are daemons and end when idle.
 *
 * <pre>{@code
 * PasswordHashing hashing = PasswordHashing.create(options.getSecurity());   // one per app
 * Future<Boolean> ok = hashing.submit(() -> BCrypt.verifyer().verify(password, hash).verified);
 * }</pre>
 */
public interface PasswordHashing extends AutoCloseable {

  static PasswordHashing create(SecurityOptions options) {
    return new PasswordHashingImpl(options.getLogin().getPasswordHashThreads(), options.getLogin().getPasswordHashQueue());
  }

  /** Runs {@code work} on the pool; fails with a 503 {@code HttpException} when the queue is full. */
  <T> Future<T> submit(Callable<T> work);

  /** Stops the threads; queued work still runs. */
  @Override
  void close();
}
