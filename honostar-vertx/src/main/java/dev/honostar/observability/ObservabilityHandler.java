package dev.honostar.observability;

import dev.honostar.observability.impl.ObservabilityHandlerImpl;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of the framework's router: gives the request its {@link RequestId} and, when tracing is on, a
 * server span (continuing a W3C {@code traceparent} sent by the client or a proxy) that ends with the response. The
 * span is current while the following handlers run synchronously, and stays reachable for the request's asynchronous
 * work (commands, renders) through the routing context.
 *
 * <pre>{@code
 * router.route().handler(ObservabilityHandler.create(Tracing.create(options.getObservability())));
 * }</pre>
 */
public interface ObservabilityHandler extends Handler<RoutingContext> {

  static ObservabilityHandler create(Tracing tracing) {
    return new ObservabilityHandlerImpl(tracing);
  }
}
