package dev.honostar.verticles;

import dev.honostar.observability.LogFormat;
import dev.honostar.observability.RequestEnd;
import dev.honostar.observability.RequestId;
import dev.honostar.observability.impl.LogLines;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * One log line per request, when it ends. As text (the default): {@code GET /board 200 12ms id=3f2a…}; as JSON
 * ({@link LogFormat#JSON}, {@code HONOSTAR_OBSERVABILITY_LOG_FORMAT=json}), one object per line:
 * {@code {"time":"…","type":"request","requestId":"3f2a…","traceId":"…","spanId":"…","method":"GET","path":"/board","status":200,"durationMs":12}}
 * ({@code traceId} and {@code spanId} when tracing is on). Only method, path (never the query string: live streams
 * carry their topic token in it), status, duration and ids; no headers, cookies, bodies or client addresses. The
 * request id is the one the response carries in {@code X-Request-Id} and error pages show; this handler assigns it,
 * so mount it first. A live stream is logged when it closes, so its duration is the stream's lifetime; {@code status}
 * is {@code -} (JSON: absent) when the client went away before a response started; a stream the client cut is
 * marked {@code (connection closed)}. The line is written through {@link RequestEnd}, so an open stream does not
 * keep its request's context. Probes ({@code /_/health},
 * {@code /_/ready}) log at debug.
 *
 * <pre>{@code
 * root.route().handler(AccessLog.create(options.getObservability().getLogFormat()));
 * }</pre>
 *
 * <p>Logger: {@value #LOGGER} (level info).
 */
public final class AccessLog implements Handler<RoutingContext> {

  public static final String LOGGER = "dev.honostar.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final LogFormat format;
  /** Where info lines go; the logger unless a test looks at them. */
  private final Consumer<String> sink;

  AccessLog(LogFormat format, Consumer<String> sink) {
    this.format = java.util.Objects.requireNonNull(format, "format");
    this.sink = sink;
  }

  /** Text lines. */
  public static AccessLog create() {
    return create(LogFormat.TEXT);
  }

  public static AccessLog create(LogFormat format) {
    return new AccessLog(format, log::info);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    String requestId = RequestId.of(ctx);
    // Taken before the end: the hook may outlive the context (a live stream runs it when it
    // closes). The ids of a JSON line are taken as the response starts, when the app's span exists.
    HttpServerResponse response = ctx.response();
    JsonObject[] ids = new JsonObject[1];
    if (format == LogFormat.JSON) {
      ctx.addHeadersEndHandler(v -> ids[0] = LogLines.of("request", ctx));
    }
    RequestEnd.add(ctx, cut -> {
      long millis = (System.nanoTime() - start) / 1_000_000;
      boolean sent = response.headWritten();
      String line;
      if (format == LogFormat.JSON) {
        JsonObject base = ids[0] != null ? ids[0] : new JsonObject().put("time", "").put("type", "request").put("requestId", requestId);
        JsonObject json = LogLines.from(base, "request").put("method", method).put("path", safe(path));
        if (sent) {
          json.put("status", response.getStatusCode());
        }
        json.put("durationMs", millis);
        if (cut) {
          json.put("connectionClosed", true);
        }
        line = json.encode();
      } else {
        String status = sent ? Integer.toString(response.getStatusCode()) : "-";
        line = method + ' ' + safe(path) + ' ' + status + ' ' + millis + "ms id=" + requestId + (cut ? " (connection closed)" : "");
      }
      if (OpsEndpoints.HEALTH_PATH.equals(path) || OpsEndpoints.READY_PATH.equals(path)) {
        log.debug(line);
      } else {
        sink.accept(line);
      }
    });
    ctx.next();
  }

  /** Paths are logged as given, minus control characters (no log injection). */
  static String safe(String path) {
    if (path == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder(Math.min(path.length(), 512));
    for (int i = 0; i < path.length() && i < 512; i++) {
      char c = path.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }
}
