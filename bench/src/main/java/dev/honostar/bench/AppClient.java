package dev.honostar.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser over HTTP: a cookie jar, the CSRF token of the last page, plain form posts and
 * Datastar form posts ({@code @post(url, {contentType: 'form'})} plus the {@code X-CSRF-Token}
 * header honostar.js adds), with the {@code Origin} and {@code Sec-Fetch-Site} a browser sends.
 * Safe to use from any thread: every request starts on a Vert.x context.
 */
final class AppClient {

  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern LIVE = Pattern.compile("id=\"hs-live\" hidden data-signals='([^']+)'");

  /**
   * A page as a tab loaded it: its path, HTML, the cookies it was loaded with and its live signals
   * (the {@code _hslive} object of {@code #hs-live}: token and the fingerprints of the regions shown; or null).
   */
  record Page(String path, String html, String cookies, String live) {
  }

  /** A command's answer. */
  record Reply(int status, String location, String body) {
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private volatile String csrf;
  /** The last page loaded: a browser's requests from it carry it as {@code Referer}. */
  private volatile String referer;

  AppClient(Vertx vertx, HttpClient http, int port) {
    this.vertx = vertx;
    this.http = http;
    this.port = port;
  }

  synchronized String cookieHeader() {
    StringBuilder b = new StringBuilder();
    cookies.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return b.toString();
  }

  private synchronized void remember(HttpClientResponse resp) {
    for (String c : resp.cookies()) {
      int eq = c.indexOf('=');
      int end = c.indexOf(';');
      if (eq > 0) {
        cookies.put(c.substring(0, eq).trim(), c.substring(eq + 1, end < 0 ? c.length() : end));
      }
    }
  }

  /** GETs a page (200 expected), keeps its cookies and CSRF token, and reads its live token. */
  Future<Page> get(String path) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(path)
      .putHeader("Accept", "text/html").putHeader("Accept-Encoding", "identity");
    String sent = cookieHeader();
    if (!sent.isEmpty()) {
      o.putHeader("Cookie", sent);
    }
    return LoadGen.onContext(vertx, () -> http.request(o).compose(req -> req.send()).compose(resp -> resp.body().map(body -> {
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + resp.statusCode());
      }
      remember(resp);
      String html = body.toString(StandardCharsets.UTF_8);
      Matcher m = CSRF.matcher(html);
      if (m.find()) {
        csrf = m.group(1);
      }
      referer = path;
      return new Page(path, html, cookieHeader(), liveSignals(html));
    })));
  }

  /** @return the page's {@code _hslive} signals as JSON, as the Datastar runtime would send them back */
  static String liveSignals(String html) {
    Matcher m = LIVE.matcher(html);
    if (!m.find()) {
      return null;
    }
    String json = m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return new JsonObject(json).getJsonObject(dev.honostar.live.impl.LiveEndpoint.SIGNAL).encode();
  }

  /** A plain HTML form post (no JavaScript): the {@code _csrf} field, redirects not followed. */
  Future<Reply> form(String path, String... fields) {
    return post(path, false, fields);
  }

  /** A Datastar form post, as the app's forms send it with JavaScript on. */
  Future<Reply> datastar(String path, String... fields) {
    return post(path, true, fields);
  }

  private Future<Reply> post(String path, boolean datastar, String... fields) {
    String token = csrf;
    if (token == null) {
      return Future.failedFuture(new IllegalStateException("no CSRF token: GET a page first"));
    }
    StringBuilder body = new StringBuilder("_csrf=").append(enc(token));
    for (int i = 0; i < fields.length; i += 2) {
      body.append('&').append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
    }
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
      .putHeader("Content-Type", "application/x-www-form-urlencoded").putHeader("Cookie", cookieHeader())
      .putHeader("Origin", "http://127.0.0.1:" + port).putHeader("Sec-Fetch-Site", "same-origin");
    if (referer != null) {
      o.putHeader("Referer", "http://127.0.0.1:" + port + referer);
    }
    if (datastar) {
      o.putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", token)
        .putHeader("Accept", "text/event-stream, application/json");
    }
    Buffer payload = Buffer.buffer(body.toString());
    return LoadGen.onContext(vertx, () -> http.request(o).compose(req -> req.send(payload)).compose(resp -> resp.body().map(b -> {
      remember(resp);
      return new Reply(resp.statusCode(), resp.getHeader("Location"), b.toString(StandardCharsets.UTF_8));
    })));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
