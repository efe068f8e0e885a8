package dev.honostar.bus.impl;

/** Connection strings fit for messages and logs (also used by the Redis session store). */
public final class Urls {

  private Urls() {
  }

  /** {@code redis://user:secret@host:6379/0} becomes {@code redis://***@host:6379/0}; each comma-separated URL alike. */
  public static String redact(String urls) {
    if (urls == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (String url : urls.split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      String u = url.trim();
      int scheme = u.indexOf("://");
      int start = scheme < 0 ? 0 : scheme + 3;
      int slash = u.indexOf('/', start);
      int end = slash < 0 ? u.length() : slash;
      int at = u.lastIndexOf('@', end - 1);
      if (at >= start) {
        u = u.substring(0, start) + "***" + u.substring(at);
      }
      // Passwords can also hide in the query string (e.g. ?password=...): drop it.
      int q = u.indexOf('?');
      out.append(q < 0 ? u : u.substring(0, q) + "?***");
    }
    return out.toString();
  }

  /**
   * Checks a Redis connection string before the client parses it (the client fails on a bare
   * word with a {@code NullPointerException}).
   *
   * @return {@code url}
   * @throws IllegalArgumentException naming the variable and the expected form, without the value's credentials
   */
  static String requireRedisUrl(String url) {
    String scheme = null;
    boolean located = false;
    try {
      java.net.URI uri = new java.net.URI(url.trim());
      scheme = uri.getScheme();
      located = "unix".equals(scheme) ? uri.getPath() != null && !uri.getPath().isEmpty()
        : uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    if (!("redis".equals(scheme) || "rediss".equals(scheme) || "unix".equals(scheme)) || !located) {
      throw new IllegalArgumentException("HONOSTAR_BUS_REDIS_URL (or REDIS_URL, BusOptions.redisUrl) is not a Redis URL: '" + redact(url)
        + "'; expected redis://[user:password@]host[:6379][/db], rediss://... (TLS) or unix:///path/to/redis.sock");
    }
    return url;
  }

  /** Removes user info ({@code //user:secret@}) from any URL inside a message, e.g. a driver's exception text. */
  static String scrub(String message) {
    return message == null ? null : message.replaceAll("//[^/@\\s\\[\\]]+@", "//***@");
  }

  /**
   * Class and scrubbed message of a failure. Used instead of chaining the cause, whose message (and its causes')
   * may contain the connection string with its password.
   */
  public static String describe(Throwable err) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = err; t != null && sb.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(scrub(String.valueOf(t.getMessage())));
    }
    return sb.toString();
  }
}
