package dev.honostar.impl;

import dev.honostar.page.HaltException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

/** What pages and commands both see of their request. */
abstract class RequestContextBase {

  final RoutingContext rc;
  private final BlockingExecutor blocking;

  RequestContextBase(RoutingContext rc, BlockingExecutor blocking) {
    this.rc = rc;
    this.blocking = blocking;
  }

  public RoutingContext routingContext() {
    return rc;
  }

  public Vertx vertx() {
    return rc.vertx();
  }

  /**
   * Refuses control characters with a 400 naming the parameter, as {@code queryParam} does, and
   * a name the route does not have with a message naming its parameters.
   */
  public String pathParam(String name) {
    String value = rc.pathParam(name);
    if (value == null && !rc.pathParams().containsKey(name)) {
      // A misspelt name would otherwise be a null and, later, a bare NullPointerException.
      String route = rc.currentRoute() == null || rc.currentRoute().getPath() == null ? rc.normalizedPath() : rc.currentRoute().getPath();
      throw new IllegalArgumentException("Route " + route + " has no path parameter '" + name + "'; its parameters are "
        + (rc.pathParams().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(rc.pathParams().keySet()))));
    }
    if (value != null && InputText.hasControl(value)) {
      throw HaltException.status(400, "The path parameter '" + InputText.withoutControl(name) + "' " + InputText.CONTROL_MESSAGE);
    }
    return value;
  }

  public Session session() {
    return rc.session();
  }

  public <T> Future<T> blocking(Callable<T> work) {
    return blocking.run(work);
  }
}
