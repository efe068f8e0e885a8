package dev.honostar.examples.issues;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
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
import org.jsoup.nodes.Element;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * One user in one browser, driven over plain HTTP: a cookie jar, the CSRF token from the last
 * page, form posts as a browser without JavaScript sends them, and Datastar requests as the
 * runtime sends them. Blocking, for readable tests.
 */
final class Browser implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final int port;
  private final WebClient client;
  private final WebClientSession session;
  private final HttpClient raw;
  private String csrf;

  Browser(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false));
    this.session = WebClientSession.create(client);
    this.raw = vertx.createHttpClient();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  /** Sends every request as if from {@code address} (for apps that trust {@code X-Forwarded-For}). */
  Browser from(String address) {
    session.addHeader("X-Forwarded-For", address);
    return this;
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** GET, remembering the page's CSRF token. */
  HttpResponse<Buffer> get(String path) {
    HttpResponse<Buffer> res = await(session.get(path).send());
    String body = res.bodyAsString();
    if (body != null && body.contains("csrf-token")) {
      Element meta = Jsoup.parse(body).selectFirst("meta[name=csrf-token]");
      if (meta != null) {
        csrf = meta.attr("content");
      }
    }
    return res;
  }

  Document page(String path) {
    HttpResponse<Buffer> res = get(path);
    if (res.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + res.statusCode() + ": " + res.bodyAsString());
    }
    return Jsoup.parse(res.bodyAsString(), base());
  }

  private String token() {
    if (csrf == null) {
      get("/login");
    }
    return csrf;
  }

  /** A plain HTML form post (no JavaScript): urlencoded fields plus the {@code _csrf} hidden field. */
  HttpResponse<Buffer> form(String path, String referer, String... fields) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    form.add("_csrf", token());
    for (int i = 0; i < fields.length; i += 2) {
      form.add(fields[i], fields[i + 1]);
    }
    HttpRequest<Buffer> req = session.post(path);
    if (referer != null) {
      req.putHeader("Referer", base() + referer);
    }
    return await(req.sendForm(form));
  }

  /** A Datastar form post ({@code @post(path, {contentType: 'form'})}): the header, and the CSRF token as honostar.js adds it. */
  HttpResponse<Buffer> datastar(String path, String... fields) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < fields.length; i += 2) {
      form.add(fields[i], fields[i + 1]);
    }
    return await(session.post(path).putHeader("Datastar-Request", "true").putHeader("X-CSRF-Token", token()).sendForm(form));
  }

  /** Signs up, then logs in: sign-up answers the same whether the address is new, so it does not sign in. */
  void signup(String name, String email, String password) {
    get("/signup");
    HttpResponse<Buffer> res = form("/signup", "/signup", "name", name, "email", email, "password", password);
    if (res.statusCode() != 303 || !"/login".equals(res.getHeader("Location"))) {
      throw new AssertionError("sign-up failed: " + res.statusCode() + " " + res.getHeader("Location"));
    }
    get("/login");
    HttpResponse<Buffer> login = form("/login", "/login", "email", email, "password", password);
    if (login.statusCode() != 303 || !"/issues".equals(login.getHeader("Location"))) {
      throw new AssertionError("log-in after sign-up failed: " + login.statusCode() + " " + login.getHeader("Location"));
    }
  }

  /** Creates an issue with a plain form post and returns its id. */
  long createIssue(String title, String description) {
    get("/issues");
    HttpResponse<Buffer> res = form("/issues", "/issues", "title", title, "description", description);
    String location = res.getHeader("Location");
    if (res.statusCode() != 303 || location == null || !location.startsWith("/issues/")) {
      throw new AssertionError("create failed: " + res.statusCode() + " " + location);
    }
    return Long.parseLong(location.substring("/issues/".length()));
  }

  /** The live stream the page's {@code #hs-live} element opens, as Datastar opens it. */
  LiveStream live(Document page) {
    return live(page, null);
  }

  /** As {@link #live(Document)}, reconnecting as Datastar retries: with the {@code Last-Event-ID} it got last. */
  LiveStream live(Document page, String lastEventId) {
    Element live = page.getElementById("hs-live");
    if (live == null) {
      throw new AssertionError("the page has no #hs-live element");
    }
    String token = new JsonObject(live.attr("data-signals")).getJsonObject("_hslive").getString("t");
    String signals = new JsonObject().put("_hslive", new JsonObject().put("t", token)).encode();
    String uri = "/_/events?datastar=" + URLEncoder.encode(signals, StandardCharsets.UTF_8);
    StringBuilder cookies = new StringBuilder();
    StreamSupport.stream(session.cookieStore().get(false, "localhost", "/").spliterator(), false)
      .forEach(c -> cookies.append(cookies.length() == 0 ? "" : "; ").append(c.name()).append('=').append(c.value()));
    LiveStream stream = new LiveStream();
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port).setURI(uri)
      .putHeader("Datastar-Request", "true").putHeader("Cookie", cookies.toString());
    if (lastEventId != null) {
      request.putHeader("Last-Event-ID", lastEventId);
    }
    HttpClientResponse res = await(raw.request(request)
      // The handler is set on the event loop as the headers arrive, so no chunk can come before it.
      .compose(req -> req.send().onSuccess(r -> r.handler(stream::append))));
    if (res.statusCode() != 200) {
      throw new AssertionError("live stream refused: " + res.statusCode());
    }
    stream.response = res;
    return stream;
  }

  /** What one live stream received so far. */
  static final class LiveStream implements AutoCloseable {
    private final StringBuilder received = new StringBuilder();
    private HttpClientResponse response;

    private synchronized void append(Buffer chunk) {
      received.append(chunk.toString(StandardCharsets.UTF_8));
      notifyAll();
    }

    synchronized String text() {
      return received.toString();
    }

    /** Waits until an SSE event satisfying {@code test} arrived; returns it. */
    synchronized String await(Predicate<String> test, String what) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      int from = 0;
      while (true) {
        String all = received.toString();
        int end;
        while ((end = all.indexOf("\n\n", from)) >= 0) {
          String event = all.substring(from, end);
          from = end + 2;
          if (test.test(event)) {
            return event;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no live event with " + what + " within " + TIMEOUT.toSeconds() + " s; received:\n" + all);
        }
        try {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted");
        }
      }
    }

    @Override
    public void close() {
      if (response != null) {
        response.request().connection().close();
      }
    }
  }

  @Override
  public void close() {
    client.close();
    raw.close();
  }
}
