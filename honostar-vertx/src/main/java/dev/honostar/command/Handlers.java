package dev.honostar.command;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Registers a command's handlers with their execution mode: plain ones run on the event loop
 * and return a future; {@code *Blocking} ones may block and run on a virtual thread (Java
 * 21+) or a worker thread.
 */
public interface Handlers {

  /** An event-loop handler. */
  @FunctionalInterface
  interface Async {
    Future<?> handle(CommandContext ctx);
  }

  /** A blocking handler. */
  @FunctionalInterface
  interface Blocking {
    void handle(CommandContext ctx) throws Exception;
  }

  /** Runs before every handler of this command (authentication, ...). */
  Handlers before(Handler<RoutingContext> middleware);

  Handlers post(Async handler);

  Handlers put(Async handler);

  Handlers patch(Async handler);

  Handlers delete(Async handler);

  Handlers postBlocking(Blocking handler);

  Handlers putBlocking(Blocking handler);

  Handlers patchBlocking(Blocking handler);

  Handlers deleteBlocking(Blocking handler);
}
