package dev.honostar.test.impl;

import dev.honostar.test.Browser;
import dev.honostar.test.Response;
import dev.honostar.test.SseRecorder;
import dev.honostar.test.Tab;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

public final class BrowserImpl implements Browser {

  /** A response whose body is not read yet (paused), with the request that produced it. */
  public record Exchange(String method, String url, HttpClientRequest request, HttpClientResponse response, List<Response> redirects) {
  }

  private static final int MAX_REDIRECTS = 20;

  private final HonoStarTestImpl app;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final List<TabImpl> tabs = new CopyOnWriteArrayList<>();
  private volatile Duration timeout;

  BrowserImpl(HonoStarTestImpl app, Duration timeout) {
    this.app = app;
    this.timeout = timeout;
  }

  HonoStarTestImpl app() {
    return app;
  }

  @Override
  public Tab open(String path) {
    TabImpl tab = new TabImpl(this, timeout);
    tabs.add(tab);
    return tab.navigate(path);
  }

  @Override
  public synchronized Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  @Override
  public synchronized String cookie(String name) {
    return cookies.get(name);
  }

  @Override
  public synchronized Browser cookie(String name, String value) {
    if (value == null) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
    return this;
  }

  @Override
  public synchronized Browser clearCookies() {
    cookies.clear();
    return this;
  }

  private synchronized String cookieHeader() {
    StringBuilder sb = new StringBuilder();
    cookies.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  private synchronized void store(List<String> setCookies) {
    for (String header : setCookies) {
      Cookie c = ClientCookieDecoder.LAX.decode(header);
      if (c == null) {
        continue;
      }
      if (c.maxAge() != Long.MIN_VALUE && c.maxAge() <= 0) {
        cookies.remove(c.name());
      } else {
        cookies.put(c.name(), c.value());
      }
    }
  }

  /** Resolves a path against the app's base URL (absolute URLs are kept). */
  String resolve(String base, String path) {
    URI b = URI.create(base == null ? app.baseUrl() + "/" : base);
    return b.resolve(path).toString();
  }

  boolean sameOrigin(String url) {
    URI u = URI.create(url);
    String o = u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    return o.equalsIgnoreCase(app.origin());
  }

  /**
   * Sends a request with this session's cookies, storing the cookies of every response and
   * following redirects as fetch and navigations do (303, and 301/302 after POST, become GET).
   * The final response is paused: the caller sets its handlers, then resumes it.
   */
  Future<Exchange> send(String method, String url, MultiMap headers, Buffer body, boolean follow) {
    return send(method, url, headers, body, follow, new ArrayList<>());
  }

  private Future<Exchange> send(String method, String url, MultiMap headers, Buffer body, boolean follow, List<Response> hops) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url).setFollowRedirects(false);
    return app.client().request(options).compose(req -> {
      req.headers().addAll(headers);
      String cookie = sameOrigin(url) ? cookieHeader() : "";
      if (!cookie.isEmpty() && !headers.contains("Cookie")) {
        req.putHeader("Cookie", cookie);
      }
      Future<HttpClientResponse> sent = body == null ? req.send() : req.send(body);
      return sent.map(resp -> {
        resp.pause();
        return new Exchange(method, url, req, resp, hops);
      });
    }).compose(x -> {
      HttpClientResponse resp = x.response();
      store(resp.cookies());
      int status = resp.statusCode();
      String location = resp.getHeader("Location");
      if (follow && location != null && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
        if (hops.size() >= MAX_REDIRECTS) {
          return Future.failedFuture(new IllegalStateException("More than " + MAX_REDIRECTS + " redirects from " + url));
        }
        List<Response> next = new ArrayList<>(hops);
        next.add(new Response(method, url, status, resp.headers(), "", List.of()));
        boolean keep = status == 307 || status == 308 || ((status == 301 || status == 302) && (method.equals("GET") || method.equals("HEAD")));
        MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        if (!keep) {
          h.remove("Content-Type");
          h.remove("Content-Length");
        }
        Future<Buffer> drained = resp.body();
        resp.resume();
        String target = URI.create(url).resolve(location).toString();
        return drained.compose(ignored -> send(keep ? method : "GET", target, h, keep ? body : null, true, next));
      }
      return Future.succeededFuture(x);
    });
  }

  @Override
  public SseRecorder record(String pathAndQuery) {
    return record(pathAndQuery, MultiMap.caseInsensitiveMultiMap());
  }

  @Override
  public SseRecorder record(String pathAndQuery, MultiMap headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap()
      .add("Accept", "text/event-stream, text/html, application/json")
      .add("Datastar-Request", "true");
    headers.names().forEach(name -> h.set(name, headers.getAll(name)));
    return SseRecorderImpl.attach(send("GET", resolve(null, pathAndQuery), h, null, false), timeout);
  }

  @Override
  public Response request(String method, String path, MultiMap headers, Buffer body) {
    String target = resolve(null, path);
    Future<Response> f = send(method, target, headers, body, false).compose(x -> {
      Future<Buffer> b = x.response().body();
      x.response().resume();
      return b.map(buf -> new Response(method, target, x.response().statusCode(), x.response().headers(),
        buf.toString(java.nio.charset.StandardCharsets.UTF_8), List.of()));
    });
    return Blocking.await(f, timeout, "waiting for " + method + " " + target);
  }

  @Override
  public Browser timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public void close() {
    for (TabImpl tab : tabs) {
      try {
        tab.closeStreams();
      } catch (RuntimeException | AssertionError e) {
        // best effort
      }
    }
  }
}
