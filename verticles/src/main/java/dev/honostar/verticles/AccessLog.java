package dev.honostar.verticles;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One log line per request, when it ends: {@code GET /board 200 12ms}. Only method, path (never
 * the query string: live streams carry their topic token in it), status and duration; no
 * headers, cookies, bodies or client addresses. A live stream is logged when it closes, so its
 * duration is the stream's lifetime; {@code status} is {@code -} when the client went away
 * before a response started. Probes ({@code /_/health}, {@code /_/ready}) log at debug.
 *
 * <p>Logger: {@value #LOGGER} (level info).
 */
public final class AccessLog implements Handler<RoutingContext> {

  public static final String LOGGER = "dev.honostar.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  public static AccessLog create() {
    return new AccessLog();
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    AtomicBoolean logged = new AtomicBoolean();
    Handler<Boolean> write = failed -> {
      if (!logged.compareAndSet(false, true)) {
        return;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      boolean sent = ctx.response().headWritten();
      String status = sent ? Integer.toString(ctx.response().getStatusCode()) : "-";
      String line = method + ' ' + safe(path) + ' ' + status + ' ' + millis + "ms" + (failed ? " (connection closed)" : "");
      if (OpsEndpoints.HEALTH_PATH.equals(path) || OpsEndpoints.READY_PATH.equals(path)) {
        log.debug(line);
      } else {
        log.info(line);
      }
    };
    ctx.addEndHandler(ar -> write.handle(ar.failed()));
    // SseStream replaces the response's end and close handlers, which silences addEndHandler for live
    // streams; the body-end hook still fires when a stream ends cleanly (a cut stream goes unlogged).
    ctx.addBodyEndHandler(v -> write.handle(false));
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
