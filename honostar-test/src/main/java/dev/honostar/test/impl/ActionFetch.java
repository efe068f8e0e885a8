package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Response;
import dev.honostar.test.SseParser;
import dev.honostar.test.UnsupportedExpressionException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Sends a Datastar action ({@code @get}, {@code @post}, ...) as the runtime's fetch does —
 * signals or form data, the CSRF header honostar.js adds — and hands its reply, direct or
 * streamed, to the {@link EventApplier} as it arrives.
 */
final class ActionFetch {

  private static final String DATASTAR_ACCEPT = "text/event-stream, text/html, application/json";
  private static final Pattern DEFAULT_EXCLUDE = Pattern.compile("(^|\\.)_");
  private static final Pattern ALL = Pattern.compile(".*");

  private final BrowserImpl browser;
  private final TabState state;
  private final EventApplier applier;

  /** One Datastar request in flight. */
  static final class Request {
    final int generation;
    final ReceivedEvent.Source source;
    final CompletableFuture<Response> head = new CompletableFuture<>();
    final CompletableFuture<Response> done = new CompletableFuture<>();
    volatile HttpClientRequest http;
    volatile boolean ended;

    Request(int generation, ReceivedEvent.Source source) {
      this.generation = generation;
      this.source = source;
    }

    void close() {
      HttpClientRequest r = http;
      if (r != null && !ended) {
        r.connection().close();
      }
    }
  }

  ActionFetch(BrowserImpl browser, TabState state, EventApplier applier) {
    this.browser = browser;
    this.state = state;
    this.applier = applier;
  }

  /** Sends an action as the runtime's fetch does and applies its reply (direct or streamed) on arrival. */
  Request perform(Expression.Action action, Element el, Element submitter, List<String[]> extra, ReceivedEvent.Source source) {
    String method = action.method();
    boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
    JsonObject opts = action.options();
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", DATASTAR_ACCEPT).add("Datastar-Request", "true");
    String target;
    Buffer body = null;
    int gen;
    synchronized (state.lock) {
      gen = state.generation;
      target = browser.resolve(state.url, action.url());
      Object ct = opts.getValue("contentType", "json");
      JsonObject filter = opts.getValue("filterSignals") instanceof JsonObject f ? f : new JsonObject();
      Pattern include = regex(filter.getValue("include"), ALL);
      Pattern exclude = regex(filter.getValue("exclude"), DEFAULT_EXCLUDE);
      if ("json".equals(ct)) {
        if (hasBody) {
          h.add("Content-Type", "application/json");
        }
        Object payload = opts.getValue("payload");
        String json = payload instanceof JsonObject p ? p.encode() : payload != null ? Json.encode(payload)
          : Signals.filter(state.signals, include, exclude).encode();
        if (hasBody) {
          body = Buffer.buffer(json);
        } else {
          target = setQuery(target, "datastar", json);
        }
      } else if ("form".equals(ct)) {
        Object sel = opts.getValue("selector");
        Element form = sel instanceof String s ? state.doc.selectFirst(s) : el.closest("form");
        if (form == null) {
          throw new IllegalStateException("FetchFormNotFound: @" + method.toLowerCase(Locale.ROOT) + "('" + action.url()
            + "', {contentType: 'form'}) on " + Signals.describe(el) + " has no form" + (sel == null ? " around it" : " matching " + sel));
        }
        List<String[]> data = FormData.formData(form, submitter != null && state.formOf(submitter) == form ? submitter : null);
        data.addAll(extra);
        String enc = FormData.urlencode(data);
        // As the runtime: a multipart form is sent as FormData (its files with it), any other as urlencoded.
        boolean multipart = FormData.multipart(form) && hasBody;
        h.add("Content-Type", multipart ? "multipart/form-data; boundary=" + PageLoader.BOUNDARY : "application/x-www-form-urlencoded");
        if (multipart) {
          body = FormData.multipart(data, FormData.files(form, state.files), PageLoader.BOUNDARY);
        } else if (hasBody) {
          body = Buffer.buffer(enc);
        } else if (!enc.isEmpty()) {
          target = target + (target.contains("?") ? "&" : "?") + enc;
        }
      } else {
        throw new UnsupportedExpressionException("FetchInvalidContentType: " + ct);
      }
      if (opts.getValue("headers") instanceof JsonObject extraHeaders) {
        extraHeaders.forEach(e -> h.set(e.getKey(), String.valueOf(e.getValue())));
      }
      // What honostar.js adds to same-origin Datastar requests.
      if (browser.sameOrigin(target) && !h.contains("X-CSRF-Token")) {
        Element meta = state.doc.selectFirst("meta[name=csrf-token]");
        if (meta != null && !meta.attr("content").isEmpty()) {
          h.set("X-CSRF-Token", meta.attr("content"));
        }
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Origin", browser.app().origin());
      }
      if (state.url != null) {
        h.set("Referer", state.url);
      }
    }
    Request req = new Request(gen, source);
    String finalTarget = target;
    browser.send(method, target, h, body, true).onComplete(ar -> {
      if (ar.failed()) {
        req.ended = true;
        synchronized (state.lock) {
          state.warnings.add(method + " " + finalTarget + " failed: " + ar.cause());
          state.lock.notifyAll();
        }
        req.head.completeExceptionally(ar.cause());
        req.done.completeExceptionally(ar.cause());
        return;
      }
      receive(req, ar.result());
    });
    return req;
  }

  private void receive(Request req, BrowserImpl.Exchange x) {
    HttpClientResponse resp = x.response();
    req.http = x.request();
    int status = resp.statusCode();
    Response head = new Response(x.method(), x.url(), status, resp.headers(), "", x.redirects());
    String type = head.contentType();
    if (status == 200 && type.equals("text/event-stream")) {
      synchronized (state.lock) {
        state.requests.add(head.toString());
        state.lock.notifyAll();
      }
      req.head.complete(head);
      StringBuilder text = new StringBuilder();
      SseParser parser = new SseParser(req.source, e -> applier.apply(req, e), c -> { });
      resp.handler(buf -> {
        text.append(buf.toString(StandardCharsets.UTF_8));
        parser.feed(buf);
      });
      Runnable end = () -> {
        if (req.ended) {
          return;
        }
        parser.end();
        req.ended = true;
        synchronized (state.lock) {
          state.lock.notifyAll();
        }
        req.done.complete(new Response(x.method(), x.url(), status, resp.headers(), text.toString(), x.redirects()));
      };
      resp.endHandler(v -> end.run());
      resp.exceptionHandler(err -> end.run());
      resp.request().connection().closeHandler(v -> end.run());
      resp.resume();
      return;
    }
    Future<Buffer> b = resp.body();
    resp.resume();
    b.onComplete(ar -> {
      String text = ar.succeeded() ? ar.result().toString(StandardCharsets.UTF_8) : "";
      Response r = new Response(x.method(), x.url(), status, resp.headers(), text, x.redirects());
      req.ended = true;
      synchronized (state.lock) {
        state.requests.add(r.toString());
        if (status == 200 && req.generation == state.generation) {
          try {
            applier.applyReply(r, req.source);
          } catch (RuntimeException e) {
            state.warnings.add("Could not apply the reply of " + r.method() + " " + r.url() + ": " + e.getMessage());
          }
        } else if (status != 200 && status != 204) {
          state.warnings.add("Request failed: " + r);
        }
        state.lock.notifyAll();
      }
      req.head.complete(r);
      req.done.complete(r);
    });
  }

  private static Pattern regex(Object value, Pattern fallback) {
    if (value instanceof JsReader.JsRegex rx) {
      return rx.pattern();
    }
    if (value instanceof String s) {
      return Pattern.compile(s.replaceAll("^/|/$", ""));
    }
    return fallback;
  }

  private static String setQuery(String target, String name, String value) {
    URI u = URI.create(target);
    StringBuilder q = new StringBuilder();
    if (u.getRawQuery() != null) {
      for (String part : u.getRawQuery().split("&")) {
        if (!part.isEmpty() && !part.equals(name) && !part.startsWith(name + "=")) {
          q.append(q.length() > 0 ? "&" : "").append(part);
        }
      }
    }
    q.append(q.length() > 0 ? "&" : "").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    String base = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    return base + "?" + q;
  }
}
