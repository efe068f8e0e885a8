package dev.honostar.test.impl;

import dev.honostar.test.Response;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a user does on the page: events fired at elements (their {@code data-on:*} handlers,
 * bubbling, then the default action: follow a link, submit a form) and forms filled and submitted.
 */
final class Interactions {

  private final TabState state;
  private final ExpressionRunner runner;
  private final PageLoader loader;

  Interactions(TabState state, ExpressionRunner runner, PageLoader loader) {
    this.state = state;
    this.runner = runner;
    this.loader = loader;
  }

  Response trigger(String selector, String event) {
    Blocking.checkThread();
    Element el;
    synchronized (state.lock) {
      el = state.find(selector);
    }
    return dispatch(el, event, null);
  }

  CompletableFuture<Response> triggerAsync(String selector, String event) {
    Element el;
    synchronized (state.lock) {
      el = state.find(selector);
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
    synchronized (state.lock) {
      hs = handlers(el, event);
      prevented = hs.stream().anyMatch(h -> h.attr().has("prevent")
        || (event.equals("submit") && h.el().normalName().equals("form")));
      if (event.equals("click")) {
        link = el.closest("a[href]");
        Element button = el.closest("button, input[type=submit], input[type=image]");
        if (button != null && (!button.normalName().equals("button") || button.attr("type").isEmpty()
          || button.attr("type").equalsIgnoreCase("submit"))) {
          submitButton = button;
          form = state.formOf(button);
        }
      }
    }
    Response last = null;
    for (Handler h : hs) {
      Response r = runner.run(h.expression(), h.el(), submitter != null ? submitter : submitButton);
      last = r != null ? r : last;
    }
    if (prevented) {
      return last;
    }
    if (link != null) {
      return loader.navigate(link.attr("href"));
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

  /** Submits a form (the submit event, then a plain post unless prevented). */
  private Response submitForm(Element form, Element submitter, List<String[]> extra) {
    List<Handler> hs;
    boolean prevented;
    synchronized (state.lock) {
      hs = handlers(form, "submit");
      prevented = hs.stream().anyMatch(h -> h.attr().has("prevent") || h.el().normalName().equals("form"));
    }
    Response last = null;
    for (Handler h : hs) {
      Response r = runner.run(h.expression(), h.el(), submitter, extra);
      last = r != null ? r : last;
    }
    if (prevented) {
      return last;
    }
    return loader.postForm(form, submitter, extra);
  }

  Response submit(String formSelector, Map<String, String> fields) {
    Element form;
    Element submitter;
    List<String[]> extra;
    synchronized (state.lock) {
      form = findForm(formSelector);
      extra = fill(form, fields, true);
      submitter = FormData.firstSubmitButton(form);
      state.lock.notifyAll();
    }
    return submitForm(form, submitter, extra);
  }

  Response submitWithoutJavaScript(String formSelector, Map<String, String> fields) {
    Element form;
    Element submitter;
    List<String[]> extra;
    synchronized (state.lock) {
      form = findForm(formSelector);
      extra = fill(form, fields, false);
      submitter = FormData.firstSubmitButton(form);
    }
    return loader.postForm(form, submitter, extra);
  }

  private Element findForm(String selector) {
    Element el = state.find(selector);
    Element form = el.normalName().equals("form") ? el : state.formOf(el);
    if (form == null) {
      throw new IllegalArgumentException("'" + selector + "' is not a form and is not inside one: " + Signals.describe(el));
    }
    return form;
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
          state.setControl(c, value);
        } else {
          state.initial.putIfAbsent(c, c.clone());
          Signals.setElementValue(c, value);
        }
      }
    });
    return extra;
  }
}
