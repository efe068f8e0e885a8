package dev.honostar.page;

import dev.honostar.live.Topic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

/**
 * What a query sees: the topic, the event that triggered it (none when a tab connects), and
 * for per-viewer queries only, the viewer's session.
 */
public interface QueryContext {

  Vertx vertx();

  /** @return the topic being re-rendered, e.g. {@code issue:42} */
  Topic topic();

  /** @return the name of the domain event that triggered this render, or {@code null} on (re)connect */
  String eventName();

  /** @return the payload of that event, or an empty object */
  JsonObject eventPayload();

  /**
   * @return the viewer's session
   * @throws IllegalStateException for shared queries, which render once for every viewer
   */
  Session viewer();

  /** Runs blocking code on a virtual thread (Java 21+) or a worker thread. */
  <T> Future<T> blocking(Callable<T> work);
}
