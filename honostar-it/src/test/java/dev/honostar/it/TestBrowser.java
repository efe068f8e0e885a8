package dev.honostar.it;

import dev.honostar.protocol.SseCompressionTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** One browser session (cookie jar) for the runtime's integration tests: pages, commands, live streams. */
final class TestBrowser {

  private final Vertx vertx;
  private final int port;
  private final WebClientSession client;
  private final HttpClient http;
  String csrf;
  String token;
  Document document;
  /** Sent as Referer with form posts, as browsers do. */
  String lastPage = "/";

  TestBrowser(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false)));
    this.http = vertx.createHttpClient();
  }

  HttpResponse<Buffer> open(String path) throws Exception {
    lastPage = path;
    HttpResponse<Buffer> resp = client.get(path).send().await(10, TimeUnit.SECONDS);
    if (resp.statusCode() == 200 && String.valueOf(resp.getHeader("Content-Type")).startsWith("text/html")) {
      document = Jsoup.parse(resp.bodyAsString());
      var meta = document.selectFirst("meta[name=csrf-token]");
      csrf = meta == null ? csrf : meta.attr("content");
      var live = document.getElementById("hs-live");
      token = live == null ? null : new JsonObject(live.attr("data-signals")).getJsonObject("_hslive").getString("t");
    }
    return resp;
  }

  HttpResponse<Buffer> command(HttpMethod method, String path, JsonObject signals) throws Exception {
    HttpRequest<Buffer> req = client.request(method, path).putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", csrf);
    if (method == HttpMethod.DELETE || method == HttpMethod.GET) {
      req.addQueryParam("datastar", signals.encode());
      return req.send().await(10, TimeUnit.SECONDS);
    }
    return req.putHeader("Content-Type", "application/json").sendBuffer(signals.toBuffer()).await(10, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> form(String path, String... fields) throws Exception {
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < fields.length; i += 2) {
      form.add(fields[i], fields[i + 1]);
    }
    return client.post(path).putHeader("Referer", "http://localhost:" + port + lastPage).sendForm(form).await(10, TimeUnit.SECONDS);
  }

  /** A Datastar post of a form's fields ({@code @post(url, {contentType: 'form'})}). */
  HttpResponse<Buffer> datastarForm(String path, String... fields) throws Exception {
    io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < fields.length; i += 2) {
      form.add(fields[i], fields[i + 1]);
    }
    return client.post(path).putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", csrf).sendForm(form).await(10, TimeUnit.SECONDS);
  }

  /** Takes over another browser's cookies, as when a load balancer moves the same browser to another node. */
  void adoptCookies(TestBrowser other) {
    other.client.cookieStore().get(false, "localhost", "/").forEach(c -> client.cookieStore().put(c));
    this.csrf = other.csrf;
  }

  String cookieHeader() {
    return StreamSupport.stream(client.cookieStore().get(false, "localhost", "/").spliterator(), false)
      .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
  }

  LiveStream stream() throws Exception {
    return stream(token);
  }

  LiveStream stream(String token) throws Exception {
    return stream("/_/events", token);
  }

  /** A stream opened as a browser opens it, accepting compression; the test decodes it as it arrives. */
  LiveStream gzipStream() throws Exception {
    return stream("/_/events", token, "gzip, deflate, br, zstd");
  }

  LiveStream stream(String path, String token) throws Exception {
    return stream(path, token, null);
  }

  LiveStream stream(String path, String token, String acceptEncoding) throws Exception {
    return stream(path, token, acceptEncoding, cookieHeader());
  }

  /** A stream request with this {@code Cookie} header instead of the jar's (e.g. one cookie left out). */
  LiveStream stream(String path, String token, String acceptEncoding, String cookies) throws Exception {
    return stream(path, token, acceptEncoding, cookies, null, false);
  }

  /**
   * A reconnect after the one-off effect with SSE id {@code lastEventId}: in the {@code Last-Event-ID}
   * header as Datastar's own retries send it, or ({@code inHeader} false) in the {@code _hslive.e}
   * signal as a fresh {@code @get} sends it.
   */
  LiveStream streamAfter(String lastEventId, boolean inHeader) throws Exception {
    return stream("/_/events", token, null, cookieHeader(), lastEventId, inHeader);
  }

  private LiveStream stream(String path, String token, String acceptEncoding, String cookies, String lastEventId, boolean inHeader)
    throws Exception {
    JsonObject signal = new JsonObject().put("t", token);
    if (lastEventId != null && !inHeader) {
      signal.put("e", lastEventId);
    }
    String query = URLEncoder.encode(new JsonObject().put("_hslive", signal).encode(), StandardCharsets.UTF_8);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setPort(port).setHost("localhost")
      .setURI(path + "?datastar=" + query).putHeader("Datastar-Request", "true").putHeader("Accept", "text/event-stream")
      .putHeader("Cookie", cookies);
    if (lastEventId != null && inHeader) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    if (acceptEncoding != null) {
      options.putHeader("Accept-Encoding", acceptEncoding);
    }
    LiveStream live = new LiveStream();
    // Handlers are set on the event loop as the response arrives, so no chunk is missed.
    // Issue the request from a Vert.x context: its callbacks then run on the connection's own
    // event loop, before any chunk of the body is delivered.
    io.vertx.core.Promise<HttpClientResponse> opened = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(x -> http.request(options).compose(r -> r.send()).onSuccess(r -> {
      live.status = r.statusCode();
      live.response = r;
      if ("gzip".equals(r.getHeader("Content-Encoding"))) {
        live.inflater = new SseCompressionTest.InflaterDecoder(true);
      }
      r.handler(live::append);
      r.endHandler(v -> live.ended.complete(null));
      r.exceptionHandler(err -> live.ended.complete(null));
    }).onComplete(opened));
    HttpClientResponse resp = opened.future().await(10, TimeUnit.SECONDS);
    if (resp.statusCode() != 200) {
      live.ended.get(10, TimeUnit.SECONDS);
    }
    return live;
  }

  /** What a live stream received so far; waits without sleeping. */
  static final class LiveStream {
    int status;
    HttpClientResponse response;
    private final StringBuilder text = new StringBuilder();
    private final List<Waiter> waiters = new ArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    private record Waiter(Predicate<String> condition, CompletableFuture<String> done) {
    }

    /** Set when the stream is gzip. */
    SseCompressionTest.InflaterDecoder inflater;

    synchronized void append(Buffer chunk) {
      if (inflater == null) {
        text.append(chunk.toString(StandardCharsets.UTF_8));
      } else {
        try {
          text.append(inflater.inflate(chunk.getBytes()));
        } catch (java.util.zip.DataFormatException e) {
          throw new IllegalStateException(e);
        }
      }
      String now = text.toString();
      waiters.removeIf(w -> {
        if (w.condition.test(now)) {
          w.done.complete(now);
          return true;
        }
        return false;
      });
    }

    synchronized String text() {
      return text.toString();
    }

    String await(Predicate<String> condition) throws Exception {
      return await(condition, 10_000);
    }

    String await(Predicate<String> condition, long timeoutMillis) throws Exception {
      CompletableFuture<String> done = new CompletableFuture<>();
      synchronized (this) {
        if (condition.test(text.toString())) {
          return text.toString();
        }
        waiters.add(new Waiter(condition, done));
      }
      try {
        return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("stream (status " + status + ") never matched; it received:\n" + text(), e);
      }
    }

    String awaitContains(String fragment) throws Exception {
      return await(t -> t.contains(fragment));
    }

    void close() {
      response.request().connection().close();
    }
  }
}
