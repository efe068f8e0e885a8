package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.RecordedScript;
import dev.honostar.test.Response;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a tab holds: its document, signals and recordings. Every field below {@link #lock} is
 * guarded by it; Vert.x threads apply events under it and notify it, and waiters wait on it
 * with the tab's timeout, failing with what the page shows near what they waited for.
 */
final class TabState {

  volatile Duration timeout;

  final Object lock = new Object();
  Document doc = Document.createShell("");
  JsonObject signals = new JsonObject();
  String url;
  Response response;
  /** Counts page loads: a reply to a request of an earlier page is not applied. */
  int generation;
  String navigation;
  /** Controls as they were before the test first changed them: what a form reset restores. */
  final Map<Element, Element> initial = new IdentityHashMap<>();
  /** Files chosen for file inputs ({@code Tab.attach}), sent when their form is multipart. */
  final Map<Element, FormData.FilePart> files = new IdentityHashMap<>();
  final List<ReceivedEvent> events = new ArrayList<>();
  final List<RecordedScript> scripts = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> requests = new ArrayList<>();
  /** The live streams the page's {@code data-init} opened. */
  final List<ActionFetch.Request> streams = new ArrayList<>();

  TabState(Duration timeout) {
    this.timeout = timeout;
  }

  String currentUrl() {
    synchronized (lock) {
      return url;
    }
  }

  void setSignal(String path, Object value) {
    synchronized (lock) {
      Signals.set(signals, path, value);
      Signals.syncBindings(doc, signals);
      lock.notifyAll();
    }
  }

  void setControl(Element el, String value) {
    initial.putIfAbsent(el, el.clone());
    Signals.setElementValue(el, value);
    String path = Signals.boundPath(el);
    if (path != null) {
      Object v = Signals.elementValue(el);
      Signals.set(signals, path, v);
      Signals.syncBindings(doc, signals);
    }
  }

  Element formOf(Element control) {
    String formId = control.attr("form");
    if (!formId.isEmpty()) {
      Element f = doc.getElementById(formId);
      if (f != null) {
        return f;
      }
    }
    return control.closest("form");
  }

  void record(RecordedScript script) {
    scripts.add(script);
    script.navigation().ifPresent(n -> navigation = n);
  }

  void await(String what, BooleanSupplier condition, Supplier<String> details) {
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
  String diagnostics() {
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
  String near(String selector) {
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

  Element find(String selector) {
    Element el = doc.selectFirst(selector);
    if (el == null) {
      throw new AssertionError(near(selector) + "\n" + diagnostics());
    }
    return el;
  }

  static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "… (" + (s.length() - max) + " more chars)" : s;
  }
}
