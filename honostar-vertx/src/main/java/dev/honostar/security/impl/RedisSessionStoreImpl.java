package dev.honostar.security.impl;

import dev.honostar.bus.impl.Urls;
import dev.honostar.security.RedisSessionStore;
import dev.honostar.security.SessionStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Redis key per session: {@code SET <prefix><id> <serialized> PX <timeout>}. The value is
 * vertx-web's {@link SharedDataSessionImpl} serialization (what its clustered store keeps), so
 * session data has the same type rules as with Hazelcast.
 */
public final class RedisSessionStoreImpl implements RedisSessionStore {

  private static final Logger log = LoggerFactory.getLogger(RedisSessionStoreImpl.class);
  /** What a user reads while the store is down: their session is not lost, only out of reach. */
  static final String UNAVAILABLE_MESSAGE = "Sessions are unavailable for a moment (the session store cannot be reached). "
    + "You are still signed in: try again shortly.";

  private final Redis client;
  private final VertxContextPRNG prng;
  private final String prefix;
  private final long timeoutMillis;
  private final String safeUrl;
  /** Logs an outage once when it starts and once when it ends, not once per request. */
  private final AtomicBoolean down = new AtomicBoolean();

  private RedisSessionStoreImpl(Vertx vertx, RedisOptions redis, SessionStoreOptions options, String safeUrl) {
    this.client = Redis.createClient(vertx, redis);
    this.prng = VertxContextPRNG.current(vertx);
    this.prefix = options.getPrefix();
    this.timeoutMillis = options.getTimeoutMillis();
    this.safeUrl = safeUrl;
  }

  public static Future<RedisSessionStore> create(Vertx vertx, String redisUrl, SessionStoreOptions options) {
    if (redisUrl == null || redisUrl.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("The redis session store needs a Redis URL: set "
        + SessionStoreOptions.ENV_REDIS_URL + " (or use a redis bus, whose URL it shares)"));
    }
    String safeUrl = Urls.redact(redisUrl);
    RedisSessionStoreImpl store;
    try {
      RedisOptions redis = new RedisOptions().setConnectionString(redisUrl.trim()).setMaxPoolSize(8).setMaxPoolWaiting(10_000);
      redis.getNetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getTimeoutMillis()));
      store = new RedisSessionStoreImpl(vertx, redis, options, safeUrl);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("Not a Redis URL for the session store: '" + safeUrl + "'", e));
    }
    return store.client.send(Request.cmd(Command.PING)).timeout(options.getTimeoutMillis(), TimeUnit.MILLISECONDS)
      .<RedisSessionStore>map(pong -> {
        log.info("Sessions in Redis at {} (keys {}*)", safeUrl, store.prefix);
        return store;
      })
      .recover(err -> {
        store.close();
        return Future.failedFuture(new IllegalStateException("Cannot connect the redis session store to " + safeUrl + ": " + Urls.describe(err)));
      });
  }

  private Future<Response> send(Request request) {
    return client.send(request).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
      .onSuccess(r -> {
        if (down.compareAndSet(true, false)) {
          log.info("The redis session store at {} answers again", safeUrl);
        }
      })
      .recover(err -> {
        if (down.compareAndSet(false, true)) {
          log.warn("The redis session store at {} cannot be reached ({}): requests that need a session answer 503 until it is back",
            safeUrl, Urls.describe(err));
        }
        return Future.failedFuture(new HttpException(503, UNAVAILABLE_MESSAGE, err));
      });
  }

  private String key(String id) {
    return prefix + id;
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    return this;
  }

  @Override
  public long retryTimeout() {
    // Redis answers with what it has: a missing session is missing, no cluster to wait for.
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return new SharedDataSessionImpl(prng, timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new SharedDataSessionImpl(prng, timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    return send(Request.cmd(Command.GET).arg(key(id))).map(r -> {
      if (r == null) {
        return null;
      }
      SharedDataSessionImpl session = new SharedDataSessionImpl(prng);
      session.readFromBuffer(0, r.toBuffer());
      return session;
    });
  }

  @Override
  public Future<Void> put(Session session) {
    Buffer value = Buffer.buffer();
    ((SharedDataSessionImpl) session).writeToBuffer(value);
    Future<Response> old = session.isRegenerated() && session.oldId() != null
      ? send(Request.cmd(Command.DEL).arg(key(session.oldId())))
      : Future.succeededFuture();
    return old.compose(x -> send(Request.cmd(Command.SET).arg(key(session.id())).arg(value).arg("PX").arg(Math.max(1, session.timeout()))))
      .mapEmpty();
  }

  @Override
  public Future<Void> delete(String id) {
    return send(Request.cmd(Command.DEL).arg(key(id))).mapEmpty();
  }

  @Override
  public Future<Void> clear() {
    return scan("0", 0, true).mapEmpty();
  }

  @Override
  public Future<Integer> size() {
    return scan("0", 0, false);
  }

  /** Walks the prefix with SCAN (never KEYS, which blocks Redis), deleting or counting. */
  private Future<Integer> scan(String cursor, int count, boolean delete) {
    return send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*").arg("COUNT").arg(500)).compose(r -> {
      String next = r.get(0).toString();
      Response keys = r.get(1);
      int found = count + keys.size();
      Future<?> step = Future.succeededFuture();
      if (delete && keys.size() > 0) {
        Request del = Request.cmd(Command.DEL);
        keys.forEach(k -> del.arg(k.toString()));
        step = send(del);
      }
      return step.compose(x -> "0".equals(next) ? Future.succeededFuture(found) : scan(next, found, delete));
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
