package dev.honostar.impl;

import dev.honostar.page.PageContext;
import io.vertx.ext.web.RoutingContext;

final class PageContextImpl extends RequestContextBase implements PageContext {

  PageContextImpl(RoutingContext rc, BlockingExecutor blocking) {
    super(rc, blocking);
  }

  @Override
  public String queryParam(String name) {
    var values = rc.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
