package dev.honostar.security.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.util.Locale;

/**
 * Facts about a request that depend on whether proxy headers are trusted. Without trust, only what
 * the connection itself says counts: a client can send any {@code X-Forwarded-*} it likes.
 */
public final class RequestInfo {

  private RequestInfo() {
  }

  public static boolean isHttps(HttpServerRequest request, boolean trustForwarded) {
    return "https".equals(scheme(request, trustForwarded));
  }

  public static String scheme(HttpServerRequest request, boolean trustForwarded) {
    if (trustForwarded) {
      String proto = first(request.getHeader("X-Forwarded-Proto"));
      if (proto != null) {
        proto = proto.toLowerCase(Locale.ROOT);
        if (proto.equals("http") || proto.equals("https")) {
          return proto;
        }
      }
    }
    return request.isSSL() ? "https" : "http";
  }

  /** The request's own origin, normalised ({@code scheme://host[:port]}, default port dropped), or null. */
  public static String ownOrigin(HttpServerRequest request, boolean trustForwarded) {
    String scheme = scheme(request, trustForwarded);
    String host = trustForwarded ? first(request.getHeader("X-Forwarded-Host")) : null;
    if (host == null) {
      HostAndPort authority = request.authority();
      if (authority == null || authority.host() == null || authority.host().isEmpty()) {
        return null;
      }
      host = authority.port() >= 0 ? hostLiteral(authority.host()) + ":" + authority.port() : hostLiteral(authority.host());
    }
    return normaliseOrigin(scheme + "://" + host);
  }

  /** Normalises an origin such as a browser's {@code Origin} header; null when it is not one. */
  public static String normaliseOrigin(String origin) {
    if (origin == null || origin.isEmpty() || origin.length() > 2048) {
      return null;
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null || uri.getRawUserInfo() != null
          || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
        port = -1;
      }
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port >= 0 ? ":" + port : "");
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The client's address. With trusted proxy headers, the right-most {@code X-Forwarded-For} entry:
   * the one our own proxy appended; entries to its left are whatever the client sent.
   */
  public static String clientAddress(HttpServerRequest request, boolean trustForwarded) {
    if (trustForwarded) {
      String xff = request.getHeader("X-Forwarded-For");
      if (xff != null) {
        int comma = xff.lastIndexOf(',');
        String last = xff.substring(comma + 1).trim();
        if (!last.isEmpty()) {
          return last;
        }
      }
    }
    SocketAddress remote = request.remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }

  private static String hostLiteral(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String first(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    String value = (comma >= 0 ? header.substring(0, comma) : header).trim();
    return value.isEmpty() ? null : value;
  }

  /** @return why the request's framing or target is ambiguous, or {@code null} when it is not */
  public static String framingProblem(io.vertx.core.http.HttpServerRequest request) {
    java.util.List<String> te = request.headers().getAll("Transfer-Encoding");
    if (!te.isEmpty() && (te.size() > 1 || !te.get(0).trim().equalsIgnoreCase("chunked"))) {
      return "unsupported Transfer-Encoding";
    }
    java.util.List<String> hosts = request.headers().getAll("Host");
    if (hosts.size() > 1) {
      return "more than one Host header";
    }
    String uri = request.uri();
    if (uri != null && !uri.startsWith("/") && !uri.equals("*")) {
      try {
        java.net.URI target = new java.net.URI(uri);
        String authority = target.getRawAuthority();
        if (authority == null || hosts.isEmpty() || !authority.equalsIgnoreCase(hosts.get(0).trim())) {
          return "the target names another host than Host";
        }
      } catch (java.net.URISyntaxException e) {
        return "malformed target";
      }
    }
    return null;
  }

  /** @return whether every {@code %} in {@code uri} starts a two-digit hex escape */
  public static boolean validPercentEncoding(String uri) {
    if (uri == null) {
      return false;
    }
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0 || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
