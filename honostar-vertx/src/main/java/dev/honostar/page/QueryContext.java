package dev.honostar.page;

import dev.honostar.bus.Topic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

/**
 * What a query sees: the topic, the event that triggered it (none when a tab connects), the
 * view it renders (the URL parameters and viewer key its {@link ViewKey} declares, as the tab
 * loaded them), and for per-viewer queries only, the viewer's session.
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
   * @param name a parameter the query's {@link ViewKey} declares
   * @return its value as the tab's page loaded it (path parameter, else first query parameter),
   *     or {@code null} when the URL had none
   * @throws IllegalStateException when the key does not declare {@code name}: the render is
   *     shared by tabs that may differ in anything else
   */
  String param(String name);

  /**
   * @return the page's {@link Page#viewerKey viewer key} for this view ({@code ""} when the page
   *     gives none)
   * @throws IllegalStateException when the query's {@link ViewKey} does not include the viewer
   */
  String viewerKey();

  /**
   * @return the viewer's session
   * @throws IllegalStateException for shared queries, which render once for every viewer
   */
  Session viewer();

  /**
   * @return who is viewing this query's topic, as this node knows it (see {@link Queries#onPresence});
   *     empty when the topic has no presence region on this node
   */
  dev.honostar.presence.PresenceSet presence();

  /** Runs blocking code on a virtual thread (Java 21+) or a worker thread. */
  <T> Future<T> blocking(Callable<T> work);
}
