package dev.honostar.test.impl;

import dev.honostar.test.DomPatcher;
import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.RecordedScript;
import dev.honostar.test.Response;
import dev.honostar.test.SseParser;
import dev.honostar.test.Tab;
import dev.honostar.test.UnsupportedExpressionException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tab. Every field below {@link #lock} is guarded by it; Vert.x threads apply events under it. */
public final class TabImpl implements Tab {

  private static final String DATASTAR_ACCEPT = "text/event-stream, text/html, application/json";
  private static final String PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final Pattern DEFAULT_EXCLUDE = Pattern.compile("(^|\\.)_");
  private static final Pattern ALL = Pattern.compile(".*");

  private final BrowserImpl browser;
  private volatile Duration timeout;

  private final Object lock = new Object();
  private Document doc = Document.createShell("");
  private JsonObject signals = new JsonObject();
  private String url;
  private Response response;
  private int generation;
  private String navigation;
  /** Controls as they were before the test first changed them: what a form reset restores. */
  private final Map<Element, Element> initial = new java.util.IdentityHashMap<>();
  private static final Pattern FORM_RESET = Pattern.compile("input\\[name=_form\\]\\[value=\"([A-Za-z0-9_-]+)\"\\]'\\)\\.forEach\\(i => i\\.form && i\\.form\\.reset\\(\\)\\)");
  private final List<ReceivedEvent> events = new ArrayList<>();
  private final List<RecordedScript> scripts = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();
  private final List<Request> streams = new ArrayList<>();

  /** One Datastar request in flight. */
  private final class Request {
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

  TabImpl(BrowserImpl browser, Duration timeout) {
    this.browser = browser;
    this.timeout = timeout;
  }

  // ---- Page ---------------------------------------------------------------------------------

  @Override
  public Document document() {
    synchronized (lock) {
      return doc.clone();
    }
  }

  @Override
  public String html() {
    synchronized (lock) {
      return doc.outerHtml();
    }
  }

  @Override
  public String html(String selector) {
    synchronized (lock) {
      Element el = doc.selectFirst(selector);
      return el == null ? null : el.outerHtml();
    }
  }

  @Override
  public String text(String selector) {
    synchronized (lock) {
      Element el = doc.selectFirst(selector);
      return el == null ? null : el.text();
    }
  }

  @Override
  public boolean has(String selector) {
    synchronized (lock) {
      return doc.selectFirst(selector) != null;
    }
  }

  @Override
  public int count(String selector) {
    synchronized (lock) {
      return doc.select(selector).size();
    }
  }

  @Override
  public String url() {
    synchronized (lock) {
      return url;
    }
  }

  @Override
  public int status() {
    synchronized (lock) {
      return response == null ? 0 : response.status();
    }
  }

  @Override
  public Response response() {
    synchronized (lock) {
      return response;
    }
  }

  @Override
  public Tab navigate(String path) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", PAGE_ACCEPT);
    String current = url();
    if (current != null) {
      h.add("Referer", current);
    }
    load("GET", browser.resolve(current, path), h, null);
    return this;
  }

  @Override
  public Tab reload() {
    String current = url();
    if (current == null) {
      throw new IllegalStateException("Nothing loaded yet");
    }
    return navigate(current);
  }

  /** A navigation: streams close, the final page replaces the document. */
  private Response load(String method, String target, MultiMap headers, Buffer body) {
    closeStreams();
    Future<Response> f = browser.send(method, target, headers, body, true).compose(x -> {
      Future<Buffer> b = x.response().body();
      x.response().resume();
      return b.map(buf -> new Response(x.method(), x.url(), x.response().statusCode(), x.response().headers(),
        buf.toString(StandardCharsets.UTF_8), x.redirects()));
    });
    Response r = Blocking.await(f, timeout, "loading " + method + " " + target);
    synchronized (lock) {
      generation++;
      requests.add(r.toString());
      response = r;
      url = r.url();
      doc = Jsoup.parse(r.body(), r.url());
      // Keep the page's own white space: html() shows what the server sent and the patches made of it.
      doc.outputSettings().prettyPrint(false);
      signals = new JsonObject();
      events.clear();
      scripts.clear();
      navigation = null;
      Signals.scan(doc, signals, null, warnings);
      lock.notifyAll();
    }
    return r;
  }

  // ---- Signals ------------------------------------------------------------------------------

  @Override
  public JsonObject signals() {
    synchronized (lock) {
      return signals.copy();
    }
  }

  @Override
  public Object signal(String path) {
    synchronized (lock) {
      Object v = Signals.get(signals, path);
      return v instanceof JsonObject o ? o.copy() : v;
    }
  }

  @Override
  public Tab setSignal(String path, Object value) {
    synchronized (lock) {
      Signals.set(signals, path, value);
      Signals.syncBindings(doc, signals);
      lock.notifyAll();
    }
    return this;
  }

  @Override
  public Tab fill(String selector, String value) {
    synchronized (lock) {
      Element el = find(selector);
      setControl(el, value);
      lock.notifyAll();
    }
    return this;
  }

  private void setControl(Element el, String value) {
    initial.putIfAbsent(el, el.clone());
    Signals.setElementValue(el, value);
    String path = Signals.boundPath(el);
    if (path != null) {
      Object v = Signals.elementValue(el);
      Signals.set(signals, path, v);
      Signals.syncBindings(doc, signals);
    }
  }

  // ---- Live stream --------------------------------------------------------------------------

  @Override
  public Tab connect() {
    List<Response> heads = startInit();
    for (Response r : heads) {
      if (r.status() != 200) {
        throw new AssertionError("The live stream was refused: " + r);
      }
    }
    return this;
  }

  @Override
  public int tryConnect() {
    List<Response> heads = startInit();
    return heads.get(0).status();
  }

  private List<Response> startInit() {
    List<Request> started = new ArrayList<>();
    List<Element> inits = new ArrayList<>();
    synchronized (lock) {
      for (Element el : doc.getAllElements()) {
        for (Attribute a : el.attributes()) {
          Signals.Attr attr = Signals.parse(a.getKey(), "init");
          if (attr != null && attr.key() == null) {
            inits.add(el);
          }
        }
      }
    }
    if (inits.isEmpty()) {
      throw new IllegalStateException("The page has no data-init expression to run: a live page (one whose page declares topics) renders "
        + "<div id=\"hs-live\" data-init=\"@get('/_/events',…)\">. Page: " + url());
    }
    for (Element el : inits) {
      String expr;
      synchronized (lock) {
        expr = el.attributes().asList().stream().filter(a -> {
          Signals.Attr attr = Signals.parse(a.getKey(), "init");
          return attr != null && attr.key() == null;
        }).findFirst().map(Attribute::getValue).orElse("");
      }
      for (Expression.Statement s : parse(expr, el)) {
        if (s instanceof Expression.Assign as) {
          setSignal(as.path(), as.value());
        } else if (s instanceof Expression.Action action) {
          Request r = perform(action, el, null, List.of(), ReceivedEvent.Source.STREAM);
          synchronized (lock) {
            streams.add(r);
          }
          started.add(r);
        }
      }
    }
    List<Response> heads = new ArrayList<>();
    for (Request r : started) {
      heads.add(Blocking.await(r.head, timeout, "waiting for the stream to answer"));
    }
    return heads;
  }

  @Override
  public Tab disconnect() {
    closeStreams();
    return this;
  }

  void closeStreams() {
    List<Request> open;
    synchronized (lock) {
      open = new ArrayList<>(streams);
      streams.clear();
    }
    for (Request r : open) {
      r.close();
    }
    for (Request r : open) {
      if (r.http != null) {
        Blocking.await(r.done, timeout, "closing a stream");
      }
    }
  }

  @Override
  public boolean connected() {
    synchronized (lock) {
      return streams.stream().anyMatch(r -> !r.ended && r.http != null);
    }
  }

  @Override
  public Tab awaitDisconnected() {
    await("the server to end the stream", () -> streams.stream().allMatch(r -> r.ended), () -> "");
    return this;
  }

  // ---- Actions ------------------------------------------------------------------------------

  @Override
  public Response click(String selector) {
    return trigger(selector, "click");
  }

  @Override
  public Response trigger(String selector, String event) {
    Blocking.checkThread();
    Element el;
    synchronized (lock) {
      el = find(selector);
    }
    return dispatch(el, event, null);
  }

  @Override
  public CompletableFuture<Response> triggerAsync(String selector, String event) {
    Element el;
    synchronized (lock) {
      el = find(selector);
    }
    return CompletableFuture.supplyAsync(() -> dispatch(el, event, null), task -> {
      Thread t = new Thread(task, "honostar-test-" + event);
      t.setDaemon(true);
      t.start();
    });
  }

  private record Handler(Element el, String expression, Signals.Attr attr) {
  }

  private List<Handler> handlers(Element target, String event) {
    List<Handler> out = new ArrayList<>();
    for (Element e = target; e != null; e = e.parent()) {
      boolean stop = false;
      for (Attribute a : e.attributes()) {
        Signals.Attr attr = Signals.parse(a.getKey(), "on");
        if (attr != null && event.equals(attr.key()) && !attr.has("window") && !attr.has("document") && !attr.has("outside")) {
          out.add(new Handler(e, a.getValue(), attr));
          stop |= attr.has("stop");
        }
      }
      if (stop) {
        break;
      }
    }
    return out;
  }

  /** Fires {@code event} at {@code el}: its handlers (bubbling), then the default action unless prevented. */
  private Response dispatch(Element el, String event, Element submitter) {
    List<Handler> hs;
    boolean prevented;
    Element link = null;
    Element submitButton = null;
    Element form = null;
    synchronized (lock) {
      hs = handlers(el, event);
      prevented = hs.stream().anyMatch(h -> h.attr().has("prevent")
        || (event.equals("submit") && h.el().normalName().equals("form")));
      if (event.equals("click")) {
        link = el.closest("a[href]");
        Element button = el.closest("button, input[type=submit], input[type=image]");
        if (button != null && (!button.normalName().equals("button") || button.attr("type").isEmpty()
          || button.attr("type").equalsIgnoreCase("submit"))) {
          submitButton = button;
          form = formOf(button);
        }
      }
    }
    Response last = null;
    for (Handler h : hs) {
      Response r = runExpression(h.expression(), h.el(), submitter != null ? submitter : submitButton);
      last = r != null ? r : last;
    }
    if (prevented) {
      return last;
    }
    if (link != null) {
      return navigate(link.attr("href")).response();
    }
    if (submitButton != null && form != null) {
      Response r = submitForm(form, submitButton, List.of());
      return r != null ? r : last;
    }
    if (hs.isEmpty()) {
      throw new IllegalStateException("Nothing happens on " + event + " at " + Signals.describe(el) + ": no data-on:" + event
        + " on it or its ancestors" + (event.equals("click") ? ", and it is neither a link nor a submit button" : ""));
    }
    return last;
  }

  private Element formOf(Element control) {
    String formId = control.attr("form");
    if (!formId.isEmpty()) {
      Element f = doc.getElementById(formId);
      if (f != null) {
        return f;
      }
    }
    return control.closest("form");
  }

  /** Submits a form (the submit event, then a plain post unless prevented). */
  private Response submitForm(Element form, Element submitter, List<String[]> extra) {
    List<Handler> hs;
    boolean prevented;
    synchronized (lock) {
      hs = handlers(form, "submit");
      prevented = hs.stream().anyMatch(h -> h.attr().has("prevent") || h.el().normalName().equals("form"));
    }
    Response last = null;
    for (Handler h : hs) {
      Response r = runExpression(h.expression(), h.el(), submitter, extra);
      last = r != null ? r : last;
    }
    if (prevented) {
      return last;
    }
    return postForm(form, submitter, extra);
  }

  @Override
  public Response submit(String formSelector, Map<String, String> fields) {
    Element form;
    Element submitter;
    List<String[]> extra;
    synchronized (lock) {
      form = findForm(formSelector);
      extra = fill(form, fields, true);
      submitter = firstSubmitButton(form);
      lock.notifyAll();
    }
    return submitForm(form, submitter, extra);
  }

  @Override
  public Response submitWithoutJavaScript(String formSelector, Map<String, String> fields) {
    Element form;
    Element submitter;
    List<String[]> extra;
    synchronized (lock) {
      form = findForm(formSelector);
      extra = fill(form, fields, false);
      submitter = firstSubmitButton(form);
    }
    return postForm(form, submitter, extra);
  }

  private Element findForm(String selector) {
    Element el = find(selector);
    Element form = el.normalName().equals("form") ? el : formOf(el);
    if (form == null) {
      throw new IllegalArgumentException("'" + selector + "' is not a form and is not inside one: " + Signals.describe(el));
    }
    return form;
  }

  private Element firstSubmitButton(Element form) {
    for (Element b : form.select("button, input[type=submit], input[type=image]")) {
      if (!b.normalName().equals("button") || b.attr("type").isEmpty() || b.attr("type").equalsIgnoreCase("submit")) {
        return b;
      }
    }
    return null;
  }

  /** Types the fields into the form's controls; returns the ones without a control. */
  private List<String[]> fill(Element form, Map<String, String> fields, boolean bindSignals) {
    List<String[]> extra = new ArrayList<>();
    fields.forEach((name, value) -> {
      Elements controls = form.getElementsByAttributeValue("name", name);
      if (controls.isEmpty()) {
        extra.add(new String[] {name, value});
        return;
      }
      for (Element c : controls) {
        if (bindSignals) {
          setControl(c, value);
        } else {
          initial.putIfAbsent(c, c.clone());
          Signals.setElementValue(c, value);
        }
      }
    });
    return extra;
  }

  /** A browser without JavaScript: a form post (or get), redirects followed, the result loaded. */
  private Response postForm(Element form, Element submitter, List<String[]> extra) {
    String method;
    String target;
    String enc;
    String referer;
    synchronized (lock) {
      method = form.attr("method").isEmpty() ? "GET" : form.attr("method").toUpperCase(Locale.ROOT);
      if (submitter != null && submitter.hasAttr("formmethod")) {
        method = submitter.attr("formmethod").toUpperCase(Locale.ROOT);
      }
      String action = submitter != null && submitter.hasAttr("formaction") ? submitter.attr("formaction") : form.attr("action");
      referer = url;
      target = browser.resolve(url, action.isEmpty() ? url : action);
      List<String[]> data = formData(form, submitter);
      data.addAll(extra);
      enc = urlencode(data);
    }
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", PAGE_ACCEPT).add("Referer", referer);
    if (method.equals("GET")) {
      String base = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      base = base.contains("#") ? base.substring(0, base.indexOf('#')) : base;
      return load("GET", base + (enc.isEmpty() ? "" : "?" + enc), h, null);
    }
    h.add("Content-Type", "application/x-www-form-urlencoded").add("Origin", browser.app().origin());
    return load(method.equals("DIALOG") ? "POST" : method, target, h, Buffer.buffer(enc));
  }

  /** The form's successful controls, as FormData collects them. */
  static List<String[]> formData(Element form, Element submitter) {
    List<String[]> out = new ArrayList<>();
    for (Element el : form.select("input, select, textarea, button")) {
      String name = el.attr("name");
      if (name.isEmpty() || el.hasAttr("disabled") || el.closest("fieldset[disabled]") != null) {
        continue;
      }
      String tag = el.normalName();
      String type = el.attr("type").toLowerCase(Locale.ROOT);
      switch (tag) {
        case "button" -> {
          if (el == submitter) {
            out.add(new String[] {name, el.attr("value")});
          }
        }
        case "textarea" -> out.add(new String[] {name, el.wholeText()});
        case "select" -> {
          Elements selected = el.select("option[selected]");
          if (selected.isEmpty() && !el.hasAttr("multiple")) {
            Element first = el.selectFirst("option");
            if (first != null) {
              selected = new Elements(first);
            }
          }
          for (Element o : selected) {
            out.add(new String[] {name, o.hasAttr("value") ? o.attr("value") : o.text()});
          }
        }
        default -> {
          switch (type) {
            case "submit", "image", "button", "reset" -> {
              if (el == submitter && !type.equals("reset") && !type.equals("button")) {
                out.add(new String[] {name, el.attr("value")});
              }
            }
            case "checkbox", "radio" -> {
              if (el.hasAttr("checked")) {
                out.add(new String[] {name, el.hasAttr("value") ? el.attr("value") : "on"});
              }
            }
            case "file" -> { }
            default -> out.add(new String[] {name, el.attr("value")});
          }
        }
      }
    }
    return out;
  }

  private static String urlencode(List<String[]> fields) {
    StringBuilder sb = new StringBuilder();
    for (String[] f : fields) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  @Override
  public Response run(String expression) {
    Element body;
    synchronized (lock) {
      body = doc.body();
    }
    return runExpression(expression, body, null);
  }

  private List<Expression.Statement> parse(String expression, Element el) {
    try {
      return Expression.parse(expression);
    } catch (UnsupportedExpressionException e) {
      throw new UnsupportedExpressionException("Cannot run the expression of " + Signals.describe(el) + ": " + e.getMessage());
    }
  }

  private Response runExpression(String expression, Element el, Element submitter) {
    return runExpression(expression, el, submitter, List.of());
  }

  private Response runExpression(String expression, Element el, Element submitter, List<String[]> extra) {
    Response last = null;
    for (Expression.Statement s : parse(expression, el)) {
      if (s instanceof Expression.Assign a) {
        setSignal(a.path(), a.value());
      } else if (s instanceof Expression.Action action) {
        Request r = perform(action, el, submitter, extra, ReceivedEvent.Source.ACTION_STREAM);
        last = Blocking.await(r.done, timeout, "waiting for the reply to " + action.method() + " " + action.url()
          + " (a reply stream that stays open needs triggerAsync)");
      }
    }
    return last;
  }

  /** Sends an action as the runtime's fetch does and applies its reply (direct or streamed) on arrival. */
  private Request perform(Expression.Action action, Element el, Element submitter, List<String[]> extra, ReceivedEvent.Source source) {
    String method = action.method();
    boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
    JsonObject opts = action.options();
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept", DATASTAR_ACCEPT).add("Datastar-Request", "true");
    String target;
    Buffer body = null;
    int gen;
    synchronized (lock) {
      gen = generation;
      target = browser.resolve(url, action.url());
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
          : Signals.filter(signals, include, exclude).encode();
        if (hasBody) {
          body = Buffer.buffer(json);
        } else {
          target = setQuery(target, "datastar", json);
        }
      } else if ("form".equals(ct)) {
        Object sel = opts.getValue("selector");
        Element form = sel instanceof String s ? doc.selectFirst(s) : el.closest("form");
        if (form == null) {
          throw new IllegalStateException("FetchFormNotFound: @" + method.toLowerCase(Locale.ROOT) + "('" + action.url()
            + "', {contentType: 'form'}) on " + Signals.describe(el) + " has no form" + (sel == null ? " around it" : " matching " + sel));
        }
        List<String[]> data = formData(form, submitter != null && formOf(submitter) == form ? submitter : null);
        data.addAll(extra);
        String enc = urlencode(data);
        h.add("Content-Type", "application/x-www-form-urlencoded");
        if (hasBody) {
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
        Element meta = doc.selectFirst("meta[name=csrf-token]");
        if (meta != null && !meta.attr("content").isEmpty()) {
          h.set("X-CSRF-Token", meta.attr("content"));
        }
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Origin", browser.app().origin());
      }
      if (url != null) {
        h.set("Referer", url);
      }
    }
    Request req = new Request(gen, source);
    String finalTarget = target;
    browser.send(method, target, h, body, true).onComplete(ar -> {
      if (ar.failed()) {
        req.ended = true;
        synchronized (lock) {
          warnings.add(method + " " + finalTarget + " failed: " + ar.cause());
          lock.notifyAll();
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
      synchronized (lock) {
        requests.add(head.toString());
        lock.notifyAll();
      }
      req.head.complete(head);
      StringBuilder text = new StringBuilder();
      SseParser parser = new SseParser(req.source, e -> apply(req, e), c -> { });
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
        synchronized (lock) {
          lock.notifyAll();
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
      synchronized (lock) {
        requests.add(r.toString());
        if (status == 200 && req.generation == generation) {
          try {
            applyReply(r, req.source);
          } catch (RuntimeException e) {
            warnings.add("Could not apply the reply of " + r.method() + " " + r.url() + ": " + e.getMessage());
          }
        } else if (status != 200 && status != 204) {
          warnings.add("Request failed: " + r);
        }
        lock.notifyAll();
      }
      req.head.complete(r);
      req.done.complete(r);
    });
  }

  /** A direct reply, applied as the event it stands for. Called under the lock. */
  private void applyReply(Response r, ReceivedEvent.Source source) {
    String type = r.contentType();
    StringBuilder data = new StringBuilder();
    if (type.equals("text/html")) {
      line(data, "selector", r.header("datastar-selector"));
      line(data, "mode", r.header("datastar-mode"));
      line(data, "namespace", r.header("datastar-namespace"));
      line(data, "useViewTransition", r.header("datastar-use-view-transition"));
      line(data, "elements", r.body());
      applyLocked(new ReceivedEvent("datastar-patch-elements", data.toString(), null, null, r.body(), ReceivedEvent.Source.REPLY));
    } else if (type.equals("application/json")) {
      line(data, "onlyIfMissing", r.header("datastar-only-if-missing"));
      line(data, "signals", r.body());
      applyLocked(new ReceivedEvent("datastar-patch-signals", data.toString(), null, null, r.body(), ReceivedEvent.Source.REPLY));
    } else if (type.equals("text/javascript")) {
      Map<String, String> attrs = new HashMap<>();
      String header = r.header("datastar-script-attributes");
      if (header != null) {
        new JsonObject(header).forEach(e -> attrs.put(e.getKey(), String.valueOf(e.getValue())));
      }
      events.add(new ReceivedEvent("script", r.body(), null, null, r.body(), ReceivedEvent.Source.REPLY));
      record(new RecordedScript(r.body(), attrs));
    }
  }

  private static void line(StringBuilder data, String key, String value) {
    if (value == null) {
      return;
    }
    for (String l : value.split("\r\n|\r|\n", -1)) {
      if (data.length() > 0) {
        data.append('\n');
      }
      data.append(key).append(' ').append(l);
    }
  }

  private void apply(Request req, ReceivedEvent e) {
    synchronized (lock) {
      if (req.generation != generation) {
        return;
      }
      applyLocked(e);
      lock.notifyAll();
    }
  }

  private void applyLocked(ReceivedEvent e) {
    events.add(e);
    try {
      switch (e.type()) {
        case "datastar-patch-elements" -> {
          Map<String, String> unchanged = new HashMap<>();
          for (Element el : doc.getAllElements()) {
            if (el.id().isEmpty()) {
              continue;
            }
            for (Attribute a : el.attributes()) {
              Signals.Attr attr = Signals.parse(a.getKey(), "signals");
              if (attr != null) {
                unchanged.put(el.id() + "|" + attr.key(), a.getValue());
              }
            }
          }
          DomPatcher.Result result = DomPatcher.apply(doc, e);
          warnings.addAll(result.warnings());
          resetForms(result.inserted());
          for (Element el : result.inserted()) {
            Signals.scan(el, signals, unchanged, warnings);
          }
          result.scripts().forEach(this::record);
        }
        case "datastar-patch-signals" -> {
          String json = e.datastar("signals");
          Object parsed;
          try {
            parsed = new JsonObject(json == null ? "{}" : json);
          } catch (RuntimeException ex) {
            parsed = JsReader.parseLiteral(json);
          }
          if (!(parsed instanceof JsonObject patch)) {
            throw new IllegalArgumentException("signals are not an object: " + json);
          }
          DomPatcher.mergePatch(signals, patch, "true".equals(Objects.toString(e.datastar("onlyIfMissing"), "").trim()));
          Signals.syncBindings(doc, signals);
        }
        default -> {
          // The runtime ignores other events.
        }
      }
    } catch (RuntimeException ex) {
      warnings.add("Could not apply " + e.type() + ": " + ex.getMessage());
    }
  }

  /**
   * Runs the framework's form reset (a successful command's {@code data-init} element that
   * resets the forms carrying {@code _form=<key>}, then removes itself) as the browser would:
   * each control the test changed gets its initial value back.
   */
  private void resetForms(List<Element> inserted) {
    for (Element marker : inserted) {
      Matcher m = FORM_RESET.matcher(marker.attr("data-init"));
      if (!m.find()) {
        continue;
      }
      for (Element key : doc.select("input[name=_form]")) {
        Element form = key.attr("value").equals(m.group(1)) ? formOf(key) : null;
        if (form == null) {
          continue;
        }
        for (Element control : form.select("input, textarea, select")) {
          Element before = initial.remove(control);
          if (before == null) {
            continue;
          }
          for (String attr : List.of("value", "checked")) {
            if (before.hasAttr(attr)) {
              control.attr(attr, before.attr(attr));
            } else {
              control.removeAttr(attr);
            }
          }
          if (!control.normalName().equals("input")) {
            control.empty();
            before.childNodes().forEach(n -> control.appendChild(n.clone()));
          }
          String path = Signals.boundPath(control);
          if (path != null) {
            Signals.set(signals, path, Signals.elementValue(control));
          }
        }
      }
      marker.remove();
      Signals.syncBindings(doc, signals);
    }
  }

  private void record(RecordedScript script) {
    scripts.add(script);
    script.navigation().ifPresent(n -> navigation = n);
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

  // ---- Recording ----------------------------------------------------------------------------

  @Override
  public List<ReceivedEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  @Override
  public List<RecordedScript> scripts() {
    synchronized (lock) {
      return List.copyOf(scripts);
    }
  }

  @Override
  public Optional<String> navigation() {
    synchronized (lock) {
      return Optional.ofNullable(navigation);
    }
  }

  @Override
  public Tab followNavigation() {
    String to = navigation().orElseThrow(() -> new IllegalStateException("No script asked to navigate"));
    return navigate(to);
  }

  @Override
  public List<String> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  @Override
  public List<String> warnings() {
    synchronized (lock) {
      return List.copyOf(warnings);
    }
  }

  // ---- Awaiting -----------------------------------------------------------------------------

  private static String normalize(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  @Override
  public Tab awaitText(String selector, String text) {
    String want = normalize(text);
    await("text \"" + want + "\" in " + selector, () -> doc.select(selector).stream().anyMatch(e -> e.text().equals(want)),
      () -> near(selector));
    return this;
  }

  @Override
  public Tab awaitTextContaining(String selector, String text) {
    String want = normalize(text);
    await("text containing \"" + want + "\" in " + selector, () -> doc.select(selector).stream().anyMatch(e -> e.text().contains(want)),
      () -> near(selector));
    return this;
  }

  @Override
  public Tab awaitElement(String selector) {
    await("an element matching " + selector, () -> doc.selectFirst(selector) != null, () -> near(selector));
    return this;
  }

  @Override
  public Tab awaitNoElement(String selector) {
    await("no element matching " + selector, () -> doc.selectFirst(selector) == null, () -> near(selector));
    return this;
  }

  @Override
  public Tab awaitSignal(String path, Object value) {
    String want = value == null ? "null" : Json.encode(value);
    await("signal " + path + " = " + want, () -> {
      Object v = Signals.get(signals, path);
      return (v == null ? "null" : Json.encode(v)).equals(want);
    }, () -> "Signal " + path + " is " + Json.encode(Signals.get(signals, path)) + "; signals: " + signals.encode());
    return this;
  }

  @Override
  public Tab awaitCondition(Predicate<Document> condition) {
    return awaitCondition("a condition on the page", condition);
  }

  @Override
  public Tab awaitCondition(String description, Predicate<Document> condition) {
    await(description, () -> condition.test(doc), () -> "Page body:\n" + abbreviate(doc.body() == null ? doc.outerHtml() : doc.body().outerHtml(), 3000));
    return this;
  }

  @Override
  public Tab awaitEvents(int n) {
    await(n + " event(s)", () -> events.size() >= n, () -> events.size() + " event(s) received");
    return this;
  }

  @Override
  public ReceivedEvent awaitEvent(Predicate<ReceivedEvent> predicate) {
    ReceivedEvent[] found = new ReceivedEvent[1];
    await("a matching event", () -> {
      for (ReceivedEvent e : events) {
        if (predicate.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    }, () -> events.size() + " event(s) received, none matching");
    return found[0];
  }

  private void await(String what, BooleanSupplier condition, Supplier<String> details) {
    Blocking.checkThread();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("Timed out after " + Blocking.format(timeout) + " waiting for " + what + " on " + url + "\n"
            + details.get() + "\n" + diagnostics());
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for " + what, e);
        }
      }
    }
  }

  /** Under the lock: streams, the last events, requests and warnings. */
  private String diagnostics() {
    StringBuilder sb = new StringBuilder();
    long open = streams.stream().filter(r -> !r.ended).count();
    sb.append("Live stream: ").append(open > 0 ? "open" : streams.isEmpty() ? "not connected (call connect())" : "ended").append('\n');
    int from = Math.max(0, events.size() - 5);
    sb.append("Last events (").append(events.size() - from).append(" of ").append(events.size()).append("):\n");
    for (ReceivedEvent e : events.subList(from, events.size())) {
      sb.append("  ").append(abbreviate(e.toString(), 600).replace("\n", "\n  ")).append('\n');
    }
    int rf = Math.max(0, requests.size() - 5);
    sb.append("Last requests:\n");
    for (String r : requests.subList(rf, requests.size())) {
      sb.append("  ").append(r.replace("\n", "\n  ")).append('\n');
    }
    if (!warnings.isEmpty()) {
      sb.append("Warnings:\n");
      for (String w : warnings.subList(Math.max(0, warnings.size() - 5), warnings.size())) {
        sb.append("  ").append(w).append('\n');
      }
    }
    return sb.toString();
  }

  /** Under the lock: the matching elements, or the closest ancestor a shorter selector finds. */
  private String near(String selector) {
    Elements found = doc.select(selector);
    if (!found.isEmpty()) {
      StringBuilder sb = new StringBuilder("Found " + found.size() + " element(s) matching " + selector + ":\n");
      found.stream().limit(5).forEach(e -> sb.append(abbreviate(e.outerHtml(), 1500)).append('\n'));
      return sb.toString();
    }
    String[] parts = selector.trim().split("\\s*[>+~]\\s*|\\s+");
    for (int k = parts.length - 1; k >= 1; k--) {
      String prefix = String.join(" ", java.util.Arrays.copyOf(parts, k));
      try {
        Element anc = doc.selectFirst(prefix);
        if (anc != null) {
          return "No element matches " + selector + "; closest ancestor found (" + prefix + "):\n" + abbreviate(anc.outerHtml(), 2000);
        }
      } catch (RuntimeException ignored) {
        // A partial selector may not parse.
      }
    }
    return "No element matches " + selector + "; page body:\n" + abbreviate(doc.body() == null ? doc.outerHtml() : doc.body().outerHtml(), 2000);
  }

  private Element find(String selector) {
    Element el = doc.selectFirst(selector);
    if (el == null) {
      throw new AssertionError(near(selector) + "\n" + diagnostics());
    }
    return el;
  }

  private static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "… (" + (s.length() - max) + " more chars)" : s;
  }

  @Override
  public Tab timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }
}
