package dev.honostar.test.impl;

import dev.honostar.test.DomPatcher;
import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.RecordedScript;
import dev.honostar.test.Response;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies what the server sent — SSE events and direct replies — to the tab's document and
 * signals, as the runtime does: element patches (then the signals of inserted elements and the
 * framework's form reset), signal patches, scripts recorded.
 */
final class EventApplier {

  private static final Pattern FORM_RESET = Pattern.compile("input\\[name=_form\\]\\[value=\"([A-Za-z0-9_-]+)\"\\]'\\)\\.forEach\\(i => i\\.form && i\\.form\\.reset\\(\\)\\)");

  private final TabState state;

  EventApplier(TabState state) {
    this.state = state;
  }

  /** A direct reply, applied as the event it stands for. Called under the lock. */
  void applyReply(Response r, ReceivedEvent.Source source) {
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
      state.events.add(new ReceivedEvent("script", r.body(), null, null, r.body(), ReceivedEvent.Source.REPLY));
      state.record(new RecordedScript(r.body(), attrs));
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

  void apply(ActionFetch.Request req, ReceivedEvent e) {
    synchronized (state.lock) {
      if (req.generation != state.generation) {
        return;
      }
      applyLocked(e);
      state.lock.notifyAll();
    }
  }

  private void applyLocked(ReceivedEvent e) {
    state.events.add(e);
    try {
      switch (e.type()) {
        case "datastar-patch-elements" -> {
          Map<String, String> unchanged = new HashMap<>();
          for (Element el : state.doc.getAllElements()) {
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
          DomPatcher.Result result = DomPatcher.apply(state.doc, e);
          state.warnings.addAll(result.warnings());
          resetForms(result.inserted());
          for (Element el : result.inserted()) {
            Signals.scan(el, state.signals, unchanged, state.warnings);
          }
          result.scripts().forEach(state::record);
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
          DomPatcher.mergePatch(state.signals, patch, "true".equals(Objects.toString(e.datastar("onlyIfMissing"), "").trim()));
          Signals.syncBindings(state.doc, state.signals);
        }
        default -> {
          // The runtime ignores other events.
        }
      }
    } catch (RuntimeException ex) {
      state.warnings.add("Could not apply " + e.type() + ": " + ex.getMessage());
    }
  }

  /**
   * Runs the framework's form reset (a successful command's {@code data-init} element that
   * resets the forms carrying {@code _form=<key>}, then removes itself) as the browser would:
   * each control the test changed gets its initial value back, and file inputs lose their file.
   */
  private void resetForms(List<Element> inserted) {
    for (Element marker : inserted) {
      Matcher m = FORM_RESET.matcher(marker.attr("data-init"));
      if (!m.find()) {
        continue;
      }
      for (Element key : state.doc.select("input[name=_form]")) {
        Element form = key.attr("value").equals(m.group(1)) ? state.formOf(key) : null;
        if (form == null) {
          continue;
        }
        for (Element control : form.select("input, textarea, select")) {
          // A reset file input has no file chosen any more.
          state.files.remove(control);
          Element before = state.initial.remove(control);
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
            Signals.set(state.signals, path, Signals.elementValue(control));
          }
        }
      }
      marker.remove();
      Signals.syncBindings(state.doc, state.signals);
    }
  }
}
