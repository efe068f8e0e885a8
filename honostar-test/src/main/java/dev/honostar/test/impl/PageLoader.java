package dev.honostar.test.impl;

import dev.honostar.test.Response;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Loads pages as a browser navigates: links, form posts without JavaScript, redirects followed. */
final class PageLoader {

  private static final String PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final BrowserImpl browser;
  private final TabState state;
  private final LiveStreams live;

  PageLoader(BrowserImpl browser, TabState state, LiveStreams live) {
    this.browser = browser;
    this.state = state;
    this.live = live;
  }

  Response navigate(String path) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", PAGE_ACCEPT);
    String current = state.currentUrl();
    if (current != null) {
      h.add("Referer", current);
    }
    return load("GET", browser.resolve(current, path), h, null);
  }

  /** A navigation: streams close, the final page replaces the document. */
  private Response load(String method, String target, MultiMap headers, Buffer body) {
    live.closeStreams();
    Future<Response> f = browser.send(method, target, headers, body, true).compose(x -> {
      Future<Buffer> b = x.response().body();
      x.response().resume();
      return b.map(buf -> new Response(x.method(), x.url(), x.response().statusCode(), x.response().headers(),
        buf.toString(StandardCharsets.UTF_8), x.redirects()));
    });
    Response r = Blocking.await(f, state.timeout, "loading " + method + " " + target);
    synchronized (state.lock) {
      state.generation++;
      state.requests.add(r.toString());
      state.response = r;
      state.url = r.url();
      state.doc = Jsoup.parse(r.body(), r.url());
      // Keep the page's own white space: html() shows what the server sent and the patches made of it.
      state.doc.outputSettings().prettyPrint(false);
      state.signals = new JsonObject();
      state.events.clear();
      state.scripts.clear();
      state.navigation = null;
      Signals.scan(state.doc, state.signals, null, state.warnings);
      state.lock.notifyAll();
    }
    return r;
  }

  /** The boundary of the kit's multipart bodies (a browser's is random; nothing depends on it). */
  static final String BOUNDARY = "----HonoStarTestKitBoundary";

  /** A browser without JavaScript: a form post (or get), redirects followed, the result loaded. */
  Response postForm(Element form, Element submitter, List<String[]> extra) {
    String method;
    String target;
    String enc;
    String referer;
    Buffer multipart = null;
    synchronized (state.lock) {
      method = form.attr("method").isEmpty() ? "GET" : form.attr("method").toUpperCase(Locale.ROOT);
      if (submitter != null && submitter.hasAttr("formmethod")) {
        method = submitter.attr("formmethod").toUpperCase(Locale.ROOT);
      }
      String action = submitter != null && submitter.hasAttr("formaction") ? submitter.attr("formaction") : form.attr("action");
      referer = state.url;
      target = browser.resolve(state.url, action.isEmpty() ? state.url : action);
      List<String[]> data = FormData.formData(form, submitter);
      data.addAll(extra);
      enc = FormData.urlencode(data);
      if (FormData.multipart(form) && !method.equals("GET")) {
        multipart = FormData.multipart(data, FormData.files(form, state.files), BOUNDARY);
      }
    }
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", PAGE_ACCEPT).add("Referer", referer);
    if (method.equals("GET")) {
      String base = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      base = base.contains("#") ? base.substring(0, base.indexOf('#')) : base;
      return load("GET", base + (enc.isEmpty() ? "" : "?" + enc), h, null);
    }
    h.add("Content-Type", multipart != null ? "multipart/form-data; boundary=" + BOUNDARY : "application/x-www-form-urlencoded")
      .add("Origin", browser.app().origin());
    return load(method.equals("DIALOG") ? "POST" : method, target, h, multipart != null ? multipart : Buffer.buffer(enc));
  }
}
