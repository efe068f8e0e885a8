package dev.honostar.security;

import dev.honostar.security.impl.RedisSessionStoreImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * Sessions in Redis, so any node serves any request of a signed-in user (no sticky sessions).
 * Built on the stack's {@code vertx-redis-client}; each session is one key
 * ({@code <prefix><id>}) holding vertx-web's own session serialization, with the session
 * timeout as its time to live (refreshed on every request that uses the session).
 *
 * <pre>{@code
 * RedisSessionStore.create(vertx, "redis://127.0.0.1:6379/1", new SessionStoreOptions())
 *   .onSuccess(store -> honostar.sessionStore(store));
 * }</pre>
 *
 * HonoStar picks it by itself on a Redis bus, or when {@code HONOSTAR_SESSION_STORE_REDIS_URL} is set
 * ({@link SessionStoreOptions}). While Redis cannot be reached, requests that need their session
 * answer 503 with {@code Retry-After} and a message saying so, never a silent sign-out.
 */
public interface RedisSessionStore extends SessionStore {

  /**
   * Connects and checks Redis ({@code PING}).
   *
   * @return the store, or a failure naming the (redacted) URL when Redis cannot be reached,
   *     so a node does not start with sessions it cannot keep
   */
  static Future<RedisSessionStore> create(Vertx vertx, String redisUrl, SessionStoreOptions options) {
    return RedisSessionStoreImpl.create(vertx, redisUrl, options);
  }
}
