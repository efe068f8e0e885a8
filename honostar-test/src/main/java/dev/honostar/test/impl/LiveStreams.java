package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Response;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/** The page's live stream: opened by running its {@code data-init} actions, closed on navigation. */
final class LiveStreams {

  private final TabState state;
  private final ActionFetch fetch;
  private final ExpressionRunner runner;

  LiveStreams(TabState state, ActionFetch fetch, ExpressionRunner runner) {
    this.state = state;
    this.fetch = fetch;
    this.runner = runner;
  }

  void connect() {
    List<Response> heads = startInit();
    for (Response r : heads) {
      if (r.status() != 200) {
        throw new AssertionError("The live stream was refused: " + r);
      }
    }
  }

  int tryConnect() {
    List<Response> heads = startInit();
    return heads.get(0).status();
  }

  private List<Response> startInit() {
    List<ActionFetch.Request> started = new ArrayList<>();
    List<Element> inits = new ArrayList<>();
    synchronized (state.lock) {
      for (Element el : state.doc.getAllElements()) {
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
        + "<div id=\"hs-live\" data-init=\"@get('/_/events',…)\">. Page: " + state.currentUrl());
    }
    for (Element el : inits) {
      String expr;
      synchronized (state.lock) {
        expr = el.attributes().asList().stream().filter(a -> {
          Signals.Attr attr = Signals.parse(a.getKey(), "init");
          return attr != null && attr.key() == null;
        }).findFirst().map(Attribute::getValue).orElse("");
      }
      for (Expression.Statement s : runner.parse(expr, el)) {
        if (s instanceof Expression.Assign as) {
          state.setSignal(as.path(), as.value());
        } else if (s instanceof Expression.Action action) {
          ActionFetch.Request r = fetch.perform(action, el, null, List.of(), ReceivedEvent.Source.STREAM);
          synchronized (state.lock) {
            state.streams.add(r);
          }
          started.add(r);
        }
      }
    }
    List<Response> heads = new ArrayList<>();
    for (ActionFetch.Request r : started) {
      heads.add(Blocking.await(r.head, state.timeout, "waiting for the stream to answer"));
    }
    return heads;
  }

  void closeStreams() {
    List<ActionFetch.Request> open;
    synchronized (state.lock) {
      open = new ArrayList<>(state.streams);
      state.streams.clear();
    }
    for (ActionFetch.Request r : open) {
      r.close();
    }
    for (ActionFetch.Request r : open) {
      if (r.http != null) {
        Blocking.await(r.done, state.timeout, "closing a stream");
      }
    }
  }

  boolean connected() {
    synchronized (state.lock) {
      return state.streams.stream().anyMatch(r -> !r.ended && r.http != null);
    }
  }

  void awaitDisconnected() {
    state.await("the server to end the stream", () -> state.streams.stream().allMatch(r -> r.ended), () -> "");
  }
}
