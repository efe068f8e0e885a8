package dev.honostar.upload;

import io.vertx.core.Future;

import java.nio.file.Path;

/**
 * One file a command received, already on disk under {@code upload.directory}: streamed there
 * while the request arrived, never held in memory. The file is deleted when the command's
 * handler has finished, unless the handler moved it away ({@link #moveTo(Path)}).
 *
 * <pre>{@code
 * on.uploads().post(ctx -> {
 *   Upload file = ctx.upload("attachment");
 *   if (file == null) throw new ValidationException(Map.of("attachment", "Choose a file"));
 *   return file.moveTo(storage.resolve(UUID.randomUUID().toString()))
 *       .onSuccess(v -> ctx.reply(Effect.toast("Attached " + file.fileName())));
 * });
 * }</pre>
 */
public interface Upload {

  /** @return the form field the file came in */
  String field();

  /**
   * @return the file name the browser gave, reduced to its last path segment and without control
   *     characters; show it escaped, never use it as a path
   */
  String fileName();

  /** @return the content type the browser declared (not checked against the bytes) */
  String contentType();

  /** @return the size in bytes */
  long size();

  /** @return where the file is now (a name of the framework's choosing) */
  Path path();

  /**
   * Moves the file to {@code target} (its directory must exist), without blocking the event loop;
   * the framework then leaves it alone.
   */
  Future<Void> moveTo(Path target);
}
