package dev.honostar.verticles;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Real HTTP against a deployed app: plain requests, and live streams opened the way a browser does. */
public final class Http {

  private final Vertx vertx;
  private final int port;
  private final WebClient web;
  private final HttpClient client;

  public Http(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false));
    this.client = vertx.createHttpClient();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return whether something accepts connections on {@code port} on the loopback address */
  public static boolean portOpen(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("localhost", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public HttpResponse<Buffer> get(String path) {
    return web.get(path).send().await();
  }

  public HttpResponse<Buffer> get(String path, String cookie) {
    return web.get(path).putHeader("Cookie", cookie).send().await();
  }

  /** Submits the first form of {@code page} (its hidden inputs: the CSRF token) with the page's cookies, as a browser without JavaScript would. */
  public HttpResponse<Buffer> submit(HttpResponse<Buffer> page) {
    Element form = Jsoup.parse(page.bodyAsString()).selectFirst("form");
    if (form == null) {
      throw new AssertionError("The page has no form:\n" + page.bodyAsString());
    }
    String body = form.select("input[type=hidden]").stream()
      .map(i -> URLEncoder.encode(i.attr("name"), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(i.attr("value"), StandardCharsets.UTF_8))
      .collect(Collectors.joining("&"));
    return web.post(form.attr("action")).putHeader("Cookie", cookieHeader(page)).putHeader("Content-Type", "application/x-www-form-urlencoded")
      .sendBuffer(Buffer.buffer(body)).await();
  }

  /** Opens a live stream on this server for a page another server rendered (the tiers: pages on one, streams on the other). */
  public LiveStream openFor(HttpResponse<Buffer> page) {
    LiveStream stream = new LiveStream(cookieHeader(page), liveQuery(page.bodyAsString()));
    stream.start(client, port, "/_/events?" + stream.query).await();
    return stream;
  }

  /** The cookies of a response as one request {@code Cookie} header. */
  public static String cookieHeader(HttpResponse<Buffer> response) {
    List<String> cookies = response.cookies();
    return cookies.stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
  }

  /** The {@code datastar} query of the page's live element (the signed topic token). */
  public static String liveQuery(String html) {
    Element live = Jsoup.parse(html).getElementById("hs-live");
    if (live == null) {
      throw new AssertionError("The page has no live element:\n" + html);
    }
    JsonObject signals = new JsonObject(live.attr("data-signals"));
    return "datastar=" + URLEncoder.encode(signals.encode(), StandardCharsets.UTF_8);
  }

  /** Loads {@code page}, then opens its live stream with the page's session and token; completes once the stream answered 200. */
  public LiveStream open(String page) {
    HttpResponse<Buffer> html = get(page);
    if (html.statusCode() != 200) {
      throw new AssertionError("GET " + page + " answered " + html.statusCode());
    }
    String cookie = cookieHeader(html);
    String query = liveQuery(html.bodyAsString());
    LiveStream stream = new LiveStream(cookie, query);
    stream.start(client, port, "/_/events?" + query).await();
    return stream;
  }

  /** Requests the stream endpoint as {@code stream}'s tab would reconnect; returns the status. */
  public int reconnect(LiveStream stream) {
    return web.get("/_/events?" + stream.query).putHeader("Cookie", stream.cookie).send().await().statusCode();
  }

  public void close() {
    web.close();
    client.close();
  }

  /** An open SSE response: what arrived, and how it ended. */
  public static final class LiveStream {
    final String cookie;
    final String query;
    final StringBuffer received = new StringBuffer();
    /** Completes when the response ended cleanly (last chunk), fails when the connection was reset or closed first. */
    final Promise<Void> ended = Promise.promise();
    volatile HttpClientResponse response;
    /** Texts waited for, with the promise each completes when the stream has carried it. */
    private final List<Map.Entry<String, Promise<Void>>> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();

    LiveStream(String cookie, String query) {
      this.cookie = cookie;
      this.query = query;
    }

    Future<HttpClientResponse> start(HttpClient client, int port, String uri) {
      return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port).setURI(uri)
          .putHeader("Cookie", cookie).putHeader("Accept", "text/event-stream").putHeader("Datastar-Request", "true"))
        .compose(req -> req.send())
        .compose(resp -> {
          response = resp;
          if (resp.statusCode() != 200) {
            return Future.failedFuture("The live stream answered " + resp.statusCode());
          }
          resp.handler(b -> {
            received.append(b.toString(StandardCharsets.UTF_8));
            waiting.forEach(w -> {
              if (received.indexOf(w.getKey()) >= 0) {
                w.getValue().tryComplete();
              }
            });
          });
          resp.endHandler(v -> ended.tryComplete());
          resp.exceptionHandler(ended::tryFail);
          return Future.succeededFuture(resp);
        });
    }

    public Future<Void> ended() {
      return ended.future();
    }

    /** @return completes once the stream has carried {@code text} (await it with a timeout) */
    public Future<Void> receives(String text) {
      Promise<Void> seen = Promise.promise();
      waiting.add(Map.entry(text, seen));
      if (received.indexOf(text) >= 0) {
        seen.tryComplete();
      }
      return seen.future();
    }

    public String received() {
      return received.toString();
    }
  }
}
