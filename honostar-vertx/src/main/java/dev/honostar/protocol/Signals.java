package dev.honostar.protocol;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the signals a Datastar request carries.
 *
 * <ul>
 *   <li>GET, HEAD and DELETE: the {@code datastar} query parameter (URL-encoded JSON);</li>
 *   <li>POST, PUT and PATCH: the JSON body;</li>
 *   <li>form submissions ({@code contentType: 'form'} or a plain HTML form): the form fields,
 *       a field given several times becoming an array.</li>
 * </ul>
 * Missing signals read as {@code {}}. Failures are {@link SignalsException}s carrying the
 * status to answer: {@code 400} for malformed JSON or a non-object, {@code 413} for a body
 * over the limit, {@code 415} for another content type.
 *
 * <pre>{@code
 * router.post("/todos").handler(ctx -> Signals.read(ctx).onSuccess(signals -> {
 *   String title = signals.getString("title", "");
 *   ...
 * }));
 * }</pre>
 */
public final class Signals {

  /** Bodies larger than this are refused with 413 unless a limit is given. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

  private Signals() {
  }

  /** Reads signals with the default body limit. */
  public static Future<JsonObject> read(RoutingContext ctx) {
    return read(ctx, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads signals, using the body a {@code BodyHandler} already read when there is one.
   */
  public static Future<JsonObject> read(RoutingContext ctx, long maxBytes) {
    HttpServerRequest request = ctx.request();
    if (!hasBody(request.method())) {
      return fromQuery(request);
    }
    if (ctx.body() != null && ctx.body().available()) {
      Buffer body = ctx.body().buffer();
      try {
        if (isForm(request)) {
          return Future.succeededFuture(fromForm(request.formAttributes()));
        }
        checkContentType(request);
        if (body != null && body.length() > maxBytes) {
          throw tooLarge(maxBytes);
        }
        return Future.succeededFuture(parse(body));
      } catch (SignalsException e) {
        return Future.failedFuture(e);
      }
    }
    return read(request, maxBytes);
  }

  /**
   * Reads signals straight from a request whose body has not been read yet, holding at most
   * {@code maxBytes} of it in memory.
   */
  public static Future<JsonObject> read(HttpServerRequest request, long maxBytes) {
    if (!hasBody(request.method())) {
      return fromQuery(request);
    }
    boolean form = isForm(request);
    try {
      if (!form) {
        checkContentType(request);
      }
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length != null && parseLength(length) > maxBytes) {
        throw tooLarge(maxBytes);
      }
    } catch (SignalsException e) {
      return Future.failedFuture(e);
    }
    if (form) {
      request.setExpectMultipart(true);
    }
    Promise<JsonObject> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    long[] received = {0};
    request.handler(chunk -> {
      received[0] += chunk.length();
      if (received[0] > maxBytes) {
        // Stop reading: the client is told once, and nothing more is buffered.
        request.pause();
        promise.tryFail(tooLarge(maxBytes));
        return;
      }
      if (!form) {
        // Form bodies are decoded by Vert.x into form attributes; only JSON is kept here.
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> {
      try {
        promise.tryComplete(form ? fromForm(request.formAttributes()) : parse(body));
      } catch (SignalsException e) {
        promise.tryFail(e);
      }
    });
    request.resume();
    return promise.future();
  }

  /**
   * Parses a signals document.
   *
   * @throws SignalsException (400) if it is not a JSON object
   */
  public static JsonObject parse(String json) {
    if (json == null || json.isBlank()) {
      return new JsonObject();
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(json);
    } catch (DecodeException e) {
      throw new SignalsException(400, "Signals are not valid JSON");
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new SignalsException(400, "Signals must be a JSON object");
  }

  /** Parses a signals document given as UTF-8 bytes, see {@link #parse(String)}. */
  public static JsonObject parse(Buffer body) {
    return body == null ? new JsonObject() : parse(body.toString(StandardCharsets.UTF_8));
  }

  private static Future<JsonObject> fromQuery(HttpServerRequest request) {
    try {
      // Decode ourselves: a malformed percent-escape must be a 400, not an exception later.
      Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
      List<String> values = params.get(Datastar.SIGNALS_PARAM);
      return Future.succeededFuture(values == null || values.isEmpty() ? new JsonObject() : parse(values.get(0)));
    } catch (SignalsException e) {
      return Future.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new SignalsException(400, "The query string is not valid URL encoding"));
    }
  }

  private static boolean hasBody(HttpMethod method) {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.DELETE
      && method != HttpMethod.OPTIONS;
  }

  private static String contentType(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
  }

  private static boolean isForm(HttpServerRequest request) {
    String type = contentType(request);
    return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
  }

  private static void checkContentType(HttpServerRequest request) {
    String type = contentType(request);
    if (!type.isEmpty() && !type.startsWith("application/json") && !type.startsWith("text/plain")) {
      throw new SignalsException(415, "Signals must be sent as application/json or as a form");
    }
  }

  private static long parseLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new SignalsException(400, "Content-Length is not a number");
    }
  }

  private static SignalsException tooLarge(long maxBytes) {
    return new SignalsException(413, "Request body is larger than " + maxBytes + " bytes");
  }

  /** The signals of form fields: a field given several times becomes an array. */
  public static JsonObject fromForm(MultiMap form) {
    JsonObject signals = new JsonObject();
    for (String name : form.names()) {
      List<String> all = form.getAll(name);
      signals.put(name, all.size() == 1 ? all.get(0) : new JsonArray(List.copyOf(all)));
    }
    return signals;
  }
}
