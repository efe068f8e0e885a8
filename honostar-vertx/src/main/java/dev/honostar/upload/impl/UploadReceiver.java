package dev.honostar.upload.impl;

import dev.honostar.protocol.Signals;
import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.impl.KeyCounts;
import dev.honostar.upload.Upload;
import dev.honostar.upload.UploadOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads a multipart command request in place of the BodyHandler: form fields into memory (within
 * {@code security.limits.maxBodyBytes}), each file streamed to its own file under
 * {@code upload.directory} as it arrives, never buffered whole. Refuses, before the body is read,
 * a declared length over the limits (413) and a client with too many uploads in progress (429);
 * while reading, a file too large or of a type not allowed (kept as a field error, the rest of
 * the body read and dropped), too many files, a body beyond the limits (413, the connection
 * closed) and a CSRF field that does not match (403). Every file it wrote is deleted when the
 * request is over (answered, or cut off by the client), unless the command moved it.
 */
public final class UploadReceiver {

  /** Routing-context key of the {@link UploadOptions} of the route (set by {@link #marker}). */
  public static final String OPTIONS_KEY = "honostar.upload.options";

  private static final Logger log = LoggerFactory.getLogger(UploadReceiver.class);

  /**
   * What a command gets: its form fields as signals, and its files; {@code cleanUp} deletes the
   * files the command left where they were (the pipeline runs it before replying).
   */
  public record Received(JsonObject signals, List<Upload> uploads, java.util.function.Supplier<Future<Void>> cleanUp) {

    public Received(JsonObject signals) {
      this(signals, List.of(), Future::succeededFuture);
    }
  }

  private final Vertx vertx;
  private final SecurityOptions security;
  /** Uploads in progress per client on this node. */
  private final KeyCounts parallel = new KeyCounts();
  private final Map<String, Future<Void>> directories = new ConcurrentHashMap<>();

  public UploadReceiver(Vertx vertx, SecurityOptions security) {
    this.vertx = vertx;
    this.security = security;
  }

  /**
   * Marks a request of an upload route, before the body handler and the CSRF handler: the body
   * handler leaves it alone and the CSRF handler leaves the form field to {@link #receive}.
   * Pauses the request until {@link #receive} reads it.
   */
  public static Handler<RoutingContext> marker(UploadOptions options) {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      request.pause();
      // Answered before the body was read to its end (a refusal here, the rate limiter, the
      // command's middleware): the rest of it would stay on the connection, so close it.
      ctx.addHeadersEndHandler(v -> {
        if (!request.isEnded()) {
          ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
      });
      ctx.addEndHandler(v -> {
        if (!request.isEnded()) {
          request.connection().close();
        }
      });
      ctx.put(OPTIONS_KEY, options);
      ctx.put(CsrfHandler.DEFER_FIELD_KEY, Boolean.TRUE);
      ctx.next();
    };
  }

  /** @return whether {@link #marker} marked this request */
  public static boolean marked(RoutingContext ctx) {
    return ctx.get(OPTIONS_KEY) != null;
  }

  /** @return clients with an upload in progress on this node (for tests and metrics) */
  public int clientsUploading() {
    return parallel.keys();
  }

  /**
   * Reads the request. A rejection is an {@link UploadRejectedException}; a client that went
   * away fails it with the connection's error (nothing is left to answer).
   */
  public Future<Received> receive(RoutingContext ctx) {
    UploadOptions options = ctx.get(OPTIONS_KEY);
    HttpServerRequest request = ctx.request();
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    type = type == null ? "" : type.toLowerCase(Locale.ROOT);
    boolean multipart = type.startsWith("multipart/form-data");
    if (!multipart) {
      // No files: an ordinary command request (JSON signals, a form without a file input), whose
      // CSRF field, when the CSRF handler left it to this reader, is checked once read.
      Predicate<String> csrf = ctx.get(CsrfHandler.FIELD_CHECK_KEY);
      return Signals.read(ctx, security.getLimits().getMaxBodyBytes()).compose(s -> {
        Object field = s.getValue(CsrfHandler.FORM_FIELD);
        if (csrf != null && !csrf.test(field instanceof String token ? token : null)) {
          return Future.failedFuture(new UploadRejectedException(403, null, field == null ? "Forbidden: missing CSRF token" : "Forbidden: CSRF token mismatch"));
        }
        return Future.succeededFuture(new Received(s));
      });
    }
    long cap = options.getMaxTotalBytes() + security.getLimits().getMaxBodyBytes();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLength(length) > cap) {
      return Future.failedFuture(new UploadRejectedException(413, null, "Upload too large: at most " + options.getMaxTotalBytes() + " bytes"));
    }
    String client = clientKey(ctx);
    if (!parallel.tryAcquire(client, options.getMaxParallelPerClient())) {
      return Future.failedFuture(new UploadRejectedException(429, null, "Too many uploads at once: wait for one to finish."));
    }
    Reading reading = new Reading(ctx, options, cap);
    // The upload is over once its answer starts (or its client went away): a client sending
    // files one after another must find its slot free when it has the answer.
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        parallel.release(client);
      }
    };
    ctx.addHeadersEndHandler(v -> release.run());
    ctx.addEndHandler(v -> {
      release.run();
      reading.over = true;
      reading.cleanUp();
    });
    directory(options.getDirectory()).onComplete(dir -> {
      if (dir.failed()) {
        reading.fail(dir.cause());
        return;
      }
      reading.start();
    });
    return reading.promise.future();
  }

  private Future<Void> directory(String directory) {
    return directories.computeIfAbsent(directory, d -> vertx.fileSystem().mkdirs(d).onFailure(err -> directories.remove(d)));
  }

  private String clientKey(RoutingContext ctx) {
    Session session = ctx.session();
    // As the command rate limiter: an empty session is new on every request, so not a key.
    return session != null && !session.isEmpty() ? "s:" + session.id() : "a:" + SecurityHandlers.clientAddress(ctx, security);
  }

  private static long parseLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** One request being read. Runs on the request's event loop only. */
  private final class Reading {

    final Promise<Received> promise = Promise.promise();
    final RoutingContext ctx;
    final HttpServerRequest request;
    final UploadOptions options;
    final long cap;
    final long fieldsCap = security.getLimits().getMaxBodyBytes() + 64 * 1024;
    final FileSystem fs = vertx.fileSystem();
    final List<Part> parts = new ArrayList<>();
    /** One future per file part, done when its file is written (or dropped). */
    final List<Future<Void>> waiting = new ArrayList<>();
    final List<Upload> uploads = new ArrayList<>();
    final Predicate<String> csrf;
    boolean csrfChecked;
    UploadRejectedException fieldError;
    long received;
    /** Bytes of file parts, kept or dropped: the rest of the body is fields (held in memory) and framing. */
    long fileBytes;
    boolean over;

    Reading(RoutingContext ctx, UploadOptions options, long cap) {
      this.ctx = ctx;
      this.request = ctx.request();
      this.options = options;
      this.cap = cap;
      this.csrf = ctx.get(CsrfHandler.FIELD_CHECK_KEY);
      this.csrfChecked = csrf == null;
    }

    void start() {
      request.setExpectMultipart(true);
      request.handler(chunk -> {
        received += chunk.length();
        if (over) {
          return;
        }
        if (received > cap) {
          // Beyond what any accepted request can hold: stop reading, answer, close.
          cutOff(new UploadRejectedException(413, null, "Upload too large: at most " + options.getMaxTotalBytes() + " bytes"));
        } else if (received - fileBytes > fieldsCap) {
          // Form fields are decoded into memory: they get the body limit of any form (the slack
          // covers multipart framing and a chunk the decoder has not handed to a file yet).
          cutOff(new UploadRejectedException(413, null, "Form fields too large: at most " + security.getLimits().getMaxBodyBytes() + " bytes"));
        }
      });
      request.uploadHandler(this::part);
      request.exceptionHandler(this::fail);
      request.endHandler(v -> {
        if (over) {
          return;
        }
        Future.join(List.copyOf(waiting)).onComplete(all -> {
          if (!checkCsrf()) {
            return;
          }
          if (fieldError != null) {
            // The refused file is gone before the form hears of it.
            cleanUp().onComplete(x -> promise.tryFail(fieldError));
          } else if (all.failed()) {
            cleanUp().onComplete(x -> promise.tryFail(all.cause()));
          } else {
            promise.tryComplete(new Received(Signals.fromForm(request.formAttributes()), List.copyOf(uploads), this::cleanUp));
          }
        });
      });
      if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT)) && request.version() != io.vertx.core.http.HttpVersion.HTTP_1_0) {
        // A client that waits for it (curl above 1 MB) sends its body only now, past the checks above.
        ctx.response().writeContinue();
      }
      request.resume();
    }

    /** Checks the deferred CSRF field once, at the first file or at the end: before any file byte is written. */
    boolean checkCsrf() {
      if (csrfChecked) {
        return true;
      }
      csrfChecked = true;
      String field = request.getFormAttribute(CsrfHandler.FORM_FIELD);
      if (csrf.test(field)) {
        return true;
      }
      cutOff(new UploadRejectedException(403, null, field == null || field.isEmpty() ? "Forbidden: missing CSRF token" : "Forbidden: CSRF token mismatch"));
      return false;
    }

    void part(HttpServerFileUpload upload) {
      Promise<Void> taken = Promise.promise();
      // The request may end before the part is taken (below): its end waits for this.
      waiting.add(taken.future());
      if (csrfChecked) {
        accept(upload, taken);
        return;
      }
      // The fields before this file are added to the form attributes only once the decoder has
      // handed over this chunk: check the CSRF field just after, the file waiting (paused).
      upload.pause();
      vertx.runOnContext(v -> accept(upload, taken));
    }

    /** Takes a file part; the upload may be paused, and is resumed once its data has somewhere to go. */
    void accept(HttpServerFileUpload upload, Promise<Void> taken) {
      if (over || !checkCsrf()) {
        upload.handler(this::dropped);
        upload.resume();
        taken.tryComplete();
        return;
      }
      String field = upload.name();
      String fileName = safeName(upload.filename());
      if (fileName.isEmpty() && upload.size() == 0 && upload.isSizeAvailable()) {
        // An empty file input of a plain form: no file.
        upload.handler(this::dropped);
        upload.resume();
        taken.tryComplete();
        return;
      }
      Part part = new Part(field);
      parts.add(part);
      part.done.future().onComplete(taken);
      if (parts.size() > options.getMaxFiles()) {
        reject(part, upload, new UploadRejectedException(413, field, "Too many files: at most " + options.getMaxFiles()));
        return;
      }
      if (!options.allows(upload.contentType())) {
        reject(part, upload, new UploadRejectedException(415, field, "This type of file is not accepted"
          + (options.getAllowedTypes().isEmpty() ? "" : " (" + String.join(", ", options.getAllowedTypes()) + ")")));
        return;
      }
      Path path = Path.of(options.getDirectory(), UUID.randomUUID() + ".upload");
      part.path = path;
      upload.pause();
      upload.exceptionHandler(err -> part.finish(err));
      upload.handler(chunk -> {
        part.size += chunk.length();
        fileBytes += chunk.length();
        if (part.discarding) {
          return;
        }
        if (part.size > options.getMaxFileBytes()) {
          part.discarding = true;
          setFieldError(new UploadRejectedException(413, field, "The file is larger than " + readable(options.getMaxFileBytes())));
          part.closeAndDelete();
          return;
        }
        if (part.file == null) {
          // Not open (its open failed): the part is dropped.
          part.discarding = true;
          return;
        }
        part.file.write(chunk);
        if (part.file.writeQueueFull()) {
          upload.pause();
          part.file.drainHandler(v -> upload.resume());
        }
      });
      upload.endHandler(v -> {
        if (part.discarding || part.file == null) {
          part.finish(null);
          return;
        }
        part.file.close().onComplete(closed -> {
          part.file = null;
          if (closed.succeeded()) {
            uploads.add(new UploadedFile(vertx, field, fileName, upload.contentType() == null ? "application/octet-stream" : upload.contentType(), part.size, path));
          }
          part.finish(closed.cause());
        });
      });
      fs.open(path.toString(), new OpenOptions().setCreateNew(true).setWrite(true)).onComplete(opened -> {
        if (opened.failed()) {
          log.warn("Could not write an upload to {}: {}", options.getDirectory(), opened.cause().getMessage());
          part.discarding = true;
          part.finish(opened.cause());
        } else if (part.finished || over) {
          part.file = opened.result();
          part.closeAndDelete();
        } else {
          part.file = opened.result();
        }
        upload.resume();
      });
    }

    void reject(Part part, HttpServerFileUpload upload, UploadRejectedException error) {
      setFieldError(error);
      part.discarding = true;
      // Read and dropped: the form's answer waits for the end of the body, which browsers need to see it.
      upload.handler(b -> {
        part.size += b.length();
        dropped(b);
      });
      upload.endHandler(v -> part.finish(null));
      upload.exceptionHandler(part::finish);
      upload.resume();
    }

    void dropped(Buffer chunk) {
      fileBytes += chunk.length();
    }

    void setFieldError(UploadRejectedException error) {
      if (fieldError == null) {
        fieldError = error;
      }
    }

    /** Stops reading: the answer goes out now (and the connection is closed after it, as the body was not read). */
    void cutOff(UploadRejectedException error) {
      over = true;
      request.pause();
      parts.forEach(Part::closeAndDelete);
      promise.tryFail(error);
    }

    void fail(Throwable err) {
      over = true;
      parts.forEach(Part::closeAndDelete);
      promise.tryFail(err);
    }

    /** Deletes every file this request wrote that is still where it was put (the command moved those it kept). */
    Future<Void> cleanUp() {
      List<Future<Void>> all = new ArrayList<>();
      for (Part part : parts) {
        all.add(part.closeAndDelete());
      }
      return Future.join(all).mapEmpty();
    }

    final class Part {
      final String field;
      final Promise<Void> done = Promise.promise();
      Path path;
      AsyncFile file;
      long size;
      boolean discarding;
      boolean finished;
      Future<Void> deleted;

      Part(String field) {
        this.field = field;
      }

      void finish(Throwable err) {
        finished = true;
        if (err == null) {
          done.tryComplete();
        } else {
          done.tryFail(err);
        }
      }

      /** Closes the file if open and deletes it if it is still there; once. */
      Future<Void> closeAndDelete() {
        if (path == null) {
          finish(null);
          return Future.succeededFuture();
        }
        if (file == null && deleted != null) {
          return deleted;
        }
        AsyncFile open = file;
        file = null;
        Future<Void> closed = open == null ? Future.succeededFuture() : open.close().recover(e -> Future.succeededFuture());
        deleted = closed.compose(v -> fs.exists(path.toString()))
          .compose(exists -> exists ? fs.delete(path.toString()) : Future.succeededFuture())
          .recover(e -> {
            log.warn("Could not delete the upload {}: {}", path, e.getMessage());
            return Future.succeededFuture();
          });
        finish(null);
        return deleted;
      }
    }
  }

  /** The last segment of the name the browser gave, without control characters, at most 255 characters. */
  static String safeName(String name) {
    if (name == null) {
      return "";
    }
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder(last.length());
    last.codePoints().filter(c -> !Character.isISOControl(c)).forEach(out::appendCodePoint);
    String clean = out.toString().strip();
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  static String readable(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }
}
