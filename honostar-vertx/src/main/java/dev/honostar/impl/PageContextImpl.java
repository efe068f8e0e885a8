package dev.honostar.impl;

import dev.honostar.page.HaltException;
import dev.honostar.page.PageContext;
import io.vertx.ext.web.RoutingContext;

final class PageContextImpl extends RequestContextBase implements PageContext {

  PageContextImpl(RoutingContext rc, BlockingExecutor blocking) {
    super(rc, blocking);
  }

  /** Refuses control characters with a 400 naming the parameter (PostgreSQL, for one, answers NUL with an error). */
  @Override
  public String queryParam(String name) {
    var values = rc.queryParam(name);
    String value = values.isEmpty() ? null : values.get(0);
    if (value != null && InputText.hasControl(value)) {
      throw HaltException.status(400, "The query parameter '" + InputText.withoutControl(name) + "' " + InputText.CONTROL_MESSAGE);
    }
    return value;
  }
}
