package dev.honostar.test;

import io.vertx.core.MultiMap;

import java.util.List;

/**
 * One HTTP exchange as the test browser saw it. For a followed redirect chain, this is the final
 * response and {@link #redirects()} holds the hops before it (without bodies).
 */
public final class Response {

  private final String method;
  private final String url;
  private final int status;
  private final MultiMap headers;
  private final String body;
  private final List<Response> redirects;

  public Response(String method, String url, int status, MultiMap headers, String body, List<Response> redirects) {
    this.method = method;
    this.url = url;
    this.status = status;
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    this.body = body == null ? "" : body;
    this.redirects = List.copyOf(redirects);
  }

  public String method() {
    return method;
  }

  /** @return the absolute URL requested */
  public String url() {
    return url;
  }

  public int status() {
    return status;
  }

  public MultiMap headers() {
    return headers;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** @return the Content-Type without parameters, lower case, or "" */
  public String contentType() {
    String t = headers.get("Content-Type");
    if (t == null) {
      return "";
    }
    int semi = t.indexOf(';');
    return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** @return the body as text (for an event stream, the whole stream as received) */
  public String body() {
    return body;
  }

  /** @return the redirect responses followed to reach this one, oldest first */
  public List<Response> redirects() {
    return redirects;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Response r : redirects) {
      sb.append(r.method).append(' ').append(r.url).append(" → ").append(r.status).append(" (Location: ")
        .append(r.header("Location")).append(")\n");
    }
    sb.append(method).append(' ').append(url).append(" → ").append(status);
    if (!contentType().isEmpty()) {
      sb.append(' ').append(contentType());
    }
    if (status >= 400 && !body.isEmpty()) {
      sb.append(": ").append(body.length() > 300 ? body.substring(0, 300) + "…" : body.strip());
    }
    return sb.toString();
  }
}
