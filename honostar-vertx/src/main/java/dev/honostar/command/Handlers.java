package dev.honostar.command;

import dev.honostar.upload.UploadOptions;
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

  /**
   * This command takes file uploads with the app's {@code upload} options: its multipart
   * requests are streamed to disk instead of read by the body handler, and its handlers find the
   * files in {@link CommandContext#uploads()} (docs/uploads.md).
   *
   * <pre>{@code
   * on.uploads().post(ctx -> {
   *   Upload file = ctx.upload("attachment");
   *   return file == null ? Future.succeededFuture() : file.moveTo(storage.resolve(UUID.randomUUID().toString()));
   * });
   * }</pre>
   */
  Handlers uploads();

  /** As {@link #uploads()} with this command's own limits (e.g. images only, 2 MB). */
  Handlers uploads(UploadOptions options);

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
