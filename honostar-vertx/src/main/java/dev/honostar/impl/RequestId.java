package dev.honostar.impl;

import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The request's id, shared by the error log line and the error page so a user's report finds
 * its stack. A request-id handler earlier in the chain may have set it (under {@link #KEY},
 * also sent as {@code X-Request-Id}); otherwise one is made here and kept for the request.
 */
final class RequestId {

  /** Routing-context key of the request id (a String). */
  static final String KEY = "honostar.requestId";

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestId() {
  }

  /** @return the request's id, made (16 hex digits) and kept on first use when none is set */
  static String of(RoutingContext rc) {
    Object id = rc.get(KEY);
    if (id instanceof String s && !s.isEmpty()) {
      return s;
    }
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String made = HexFormat.of().formatHex(bytes);
    rc.put(KEY, made);
    return made;
  }
}
