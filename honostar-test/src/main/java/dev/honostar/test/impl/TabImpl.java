package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.RecordedScript;
import dev.honostar.test.Response;
import dev.honostar.test.Tab;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A tab: the {@link Tab} API over its parts. {@link TabState} holds the page (one lock guards
 * it); {@link PageLoader} navigates, {@link LiveStreams} opens the page's stream,
 * {@link Interactions} fires events and submits forms, {@link ExpressionRunner} runs Datastar
 * expressions, {@link ActionFetch} sends their actions and {@link EventApplier} applies what
 * comes back.
 */
public final class TabImpl implements Tab {

  private final TabState state;
  private final ExpressionRunner runner;
  private final LiveStreams live;
  private final PageLoader loader;
  private final Interactions ui;

  TabImpl(BrowserImpl browser, Duration timeout) {
    this.state = new TabState(timeout);
    ActionFetch fetch = new ActionFetch(browser, state, new EventApplier(state));
    this.runner = new ExpressionRunner(state, fetch);
    this.live = new LiveStreams(state, fetch, runner);
    this.loader = new PageLoader(browser, state, live);
    this.ui = new Interactions(state, runner, loader);
  }

  // ---- Page ---------------------------------------------------------------------------------

  @Override
  public Document document() {
    synchronized (state.lock) {
      return state.doc.clone();
    }
  }

  @Override
  public String html() {
    synchronized (state.lock) {
      return state.doc.outerHtml();
    }
  }

  @Override
  public String html(String selector) {
    synchronized (state.lock) {
      Element el = state.doc.selectFirst(selector);
      return el == null ? null : el.outerHtml();
    }
  }

  @Override
  public String text(String selector) {
    synchronized (state.lock) {
      Element el = state.doc.selectFirst(selector);
      return el == null ? null : el.text();
    }
  }

  @Override
  public boolean has(String selector) {
    synchronized (state.lock) {
      return state.doc.selectFirst(selector) != null;
    }
  }

  @Override
  public int count(String selector) {
    synchronized (state.lock) {
      return state.doc.select(selector).size();
    }
  }

  @Override
  public String url() {
    synchronized (state.lock) {
      return state.url;
    }
  }

  @Override
  public int status() {
    synchronized (state.lock) {
      return state.response == null ? 0 : state.response.status();
    }
  }

  @Override
  public Response response() {
    synchronized (state.lock) {
      return state.response;
    }
  }

  @Override
  public Tab navigate(String path) {
    loader.navigate(path);
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

  // ---- Signals ------------------------------------------------------------------------------

  @Override
  public JsonObject signals() {
    synchronized (state.lock) {
      return state.signals.copy();
    }
  }

  @Override
  public Object signal(String path) {
    synchronized (state.lock) {
      Object v = Signals.get(state.signals, path);
      return v instanceof JsonObject o ? o.copy() : v;
    }
  }

  @Override
  public Tab setSignal(String path, Object value) {
    state.setSignal(path, value);
    return this;
  }

  @Override
  public Tab fill(String selector, String value) {
    synchronized (state.lock) {
      Element el = state.find(selector);
      state.setControl(el, value);
      state.lock.notifyAll();
    }
    return this;
  }

  // ---- Live stream --------------------------------------------------------------------------

  @Override
  public Tab connect() {
    live.connect();
    return this;
  }

  @Override
  public int tryConnect() {
    return live.tryConnect();
  }

  @Override
  public Tab disconnect() {
    live.closeStreams();
    return this;
  }

  void closeStreams() {
    live.closeStreams();
  }

  @Override
  public boolean connected() {
    return live.connected();
  }

  @Override
  public Tab awaitDisconnected() {
    live.awaitDisconnected();
    return this;
  }

  // ---- Actions ------------------------------------------------------------------------------

  @Override
  public Response click(String selector) {
    return trigger(selector, "click");
  }

  @Override
  public Response trigger(String selector, String event) {
    return ui.trigger(selector, event);
  }

  @Override
  public CompletableFuture<Response> triggerAsync(String selector, String event) {
    return ui.triggerAsync(selector, event);
  }

  @Override
  public Response submit(String formSelector, Map<String, String> fields) {
    return ui.submit(formSelector, fields);
  }

  @Override
  public Tab attach(String inputSelector, String fileName, String contentType, byte[] content) {
    synchronized (state.lock) {
      org.jsoup.nodes.Element input = state.find(inputSelector);
      if (!input.normalName().equals("input") || !input.attr("type").equalsIgnoreCase("file")) {
        throw new IllegalArgumentException("'" + inputSelector + "' is not a file input: " + Signals.describe(input));
      }
      state.files.put(input, new FormData.FilePart(input.attr("name"), fileName, contentType, content.clone()));
    }
    return this;
  }

  @Override
  public Response submitWithoutJavaScript(String formSelector, Map<String, String> fields) {
    return ui.submitWithoutJavaScript(formSelector, fields);
  }

  @Override
  public Response run(String expression) {
    Element body;
    synchronized (state.lock) {
      body = state.doc.body();
    }
    return runner.run(expression, body, null);
  }

  // ---- Recording ----------------------------------------------------------------------------

  @Override
  public List<ReceivedEvent> events() {
    synchronized (state.lock) {
      return List.copyOf(state.events);
    }
  }

  @Override
  public List<RecordedScript> scripts() {
    synchronized (state.lock) {
      return List.copyOf(state.scripts);
    }
  }

  @Override
  public Optional<String> navigation() {
    synchronized (state.lock) {
      return Optional.ofNullable(state.navigation);
    }
  }

  @Override
  public Tab followNavigation() {
    String to = navigation().orElseThrow(() -> new IllegalStateException("No script asked to navigate"));
    return navigate(to);
  }

  @Override
  public List<String> requests() {
    synchronized (state.lock) {
      return List.copyOf(state.requests);
    }
  }

  @Override
  public List<String> warnings() {
    synchronized (state.lock) {
      return List.copyOf(state.warnings);
    }
  }

  // ---- Awaiting -----------------------------------------------------------------------------

  private static String normalize(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  @Override
  public Tab awaitText(String selector, String text) {
    String want = normalize(text);
    state.await("text \"" + want + "\" in " + selector, () -> state.doc.select(selector).stream().anyMatch(e -> e.text().equals(want)),
      () -> state.near(selector));
    return this;
  }

  @Override
  public Tab awaitTextContaining(String selector, String text) {
    String want = normalize(text);
    state.await("text containing \"" + want + "\" in " + selector, () -> state.doc.select(selector).stream().anyMatch(e -> e.text().contains(want)),
      () -> state.near(selector));
    return this;
  }

  @Override
  public Tab awaitElement(String selector) {
    state.await("an element matching " + selector, () -> state.doc.selectFirst(selector) != null, () -> state.near(selector));
    return this;
  }

  @Override
  public Tab awaitNoElement(String selector) {
    state.await("no element matching " + selector, () -> state.doc.selectFirst(selector) == null, () -> state.near(selector));
    return this;
  }

  @Override
  public Tab awaitSignal(String path, Object value) {
    String want = value == null ? "null" : Json.encode(value);
    state.await("signal " + path + " = " + want, () -> {
      Object v = Signals.get(state.signals, path);
      return (v == null ? "null" : Json.encode(v)).equals(want);
    }, () -> "Signal " + path + " is " + Json.encode(Signals.get(state.signals, path)) + "; signals: " + state.signals.encode());
    return this;
  }

  @Override
  public Tab awaitCondition(Predicate<Document> condition) {
    return awaitCondition("a condition on the page", condition);
  }

  @Override
  public Tab awaitCondition(String description, Predicate<Document> condition) {
    state.await(description, () -> condition.test(state.doc), () -> "Page body:\n" + TabState.abbreviate(state.doc.body() == null ? state.doc.outerHtml() : state.doc.body().outerHtml(), 3000));
    return this;
  }

  @Override
  public Tab awaitEvents(int n) {
    state.await(n + " event(s)", () -> state.events.size() >= n, () -> state.events.size() + " event(s) received");
    return this;
  }

  @Override
  public ReceivedEvent awaitEvent(Predicate<ReceivedEvent> predicate) {
    ReceivedEvent[] found = new ReceivedEvent[1];
    state.await("a matching event", () -> {
      for (ReceivedEvent e : state.events) {
        if (predicate.test(e)) {
          found[0] = e;
          return true;
        }
      }
      return false;
    }, () -> state.events.size() + " event(s) received, none matching");
    return found[0];
  }

  @Override
  public Tab timeout(Duration timeout) {
    state.timeout = timeout;
    return this;
  }

  @Override
  public Duration timeout() {
    return state.timeout;
  }
}
