package dev.honostar.impl;

import dev.honostar.page.PageContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.util.concurrent.Callable;

final class PageContextImpl implements PageContext {

  private final RoutingContext rc;
  private final BlockingExecutor blocking;

  PageContextImpl(RoutingContext rc, BlockingExecutor blocking) {
    this.rc = rc;
    this.blocking = blocking;
  }

  @Override
  public RoutingContext routingContext() {
    return rc;
  }

  @Override
  public Vertx vertx() {
    return rc.vertx();
  }

  @Override
  public String pathParam(String name) {
    return rc.pathParam(name);
  }

  @Override
  public String queryParam(String name) {
    var values = rc.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }

  @Override
  public Session session() {
    return rc.session();
  }

  @Override
  public <T> Future<T> blocking(Callable<T> work) {
    return blocking.run(work);
  }
}
