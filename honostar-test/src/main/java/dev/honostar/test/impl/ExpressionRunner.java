package dev.honostar.test.impl;

import dev.honostar.test.ReceivedEvent;
import dev.honostar.test.Response;
import dev.honostar.test.UnsupportedExpressionException;
import org.jsoup.nodes.Element;

import java.util.List;

/** Runs a Datastar expression of the page: signal assignments, and actions sent and awaited. */
final class ExpressionRunner {

  private final TabState state;
  private final ActionFetch fetch;

  ExpressionRunner(TabState state, ActionFetch fetch) {
    this.state = state;
    this.fetch = fetch;
  }

  List<Expression.Statement> parse(String expression, Element el) {
    try {
      return Expression.parse(expression);
    } catch (UnsupportedExpressionException e) {
      throw new UnsupportedExpressionException("Cannot run the expression of " + Signals.describe(el) + ": " + e.getMessage());
    }
  }

  Response run(String expression, Element el, Element submitter) {
    return run(expression, el, submitter, List.of());
  }

  Response run(String expression, Element el, Element submitter, List<String[]> extra) {
    Response last = null;
    for (Expression.Statement s : parse(expression, el)) {
      if (s instanceof Expression.Assign a) {
        state.setSignal(a.path(), a.value());
      } else if (s instanceof Expression.Action action) {
        ActionFetch.Request r = fetch.perform(action, el, submitter, extra, ReceivedEvent.Source.ACTION_STREAM);
        last = Blocking.await(r.done, state.timeout, "waiting for the reply to " + action.method() + " " + action.url()
          + " (a reply stream that stays open needs triggerAsync)");
      }
    }
    return last;
  }
}
