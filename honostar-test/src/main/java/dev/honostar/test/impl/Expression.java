package dev.honostar.test.impl;

import dev.honostar.test.UnsupportedExpressionException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statements of a Datastar expression the kit can run: backend actions
 * ({@code @get('/x', {…})}, {@code @post}, {@code @put}, {@code @patch}, {@code @delete}) and
 * signal assignments ({@code $form.title = ''}), separated by {@code ;} or new lines.
 */
public final class Expression {

  public sealed interface Statement permits Action, Assign {
  }

  /** A backend action; {@code options} is the literal second argument (or empty). */
  public record Action(String method, String url, JsonObject options) implements Statement {
  }

  /** {@code $path = value}. */
  public record Assign(String path, Object value) implements Statement {
  }

  private Expression() {
  }

  public static List<Statement> parse(String expr) {
    JsReader r = new JsReader(expr == null ? "" : expr);
    List<Statement> out = new ArrayList<>();
    while (true) {
      r.skipWs();
      while (r.peek() == ';' || r.peek() == ',') {
        r.skip(1);
        r.skipWs();
      }
      if (r.atEnd()) {
        return out;
      }
      if (r.peek() == '@') {
        r.skip(1);
        String name = r.identifier();
        String method = name.toUpperCase(Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          throw new UnsupportedExpressionException("Unsupported action @" + name + " in: " + expr
            + " (the kit runs @get, @post, @put, @patch and @delete)");
        }
        r.expect('(');
        r.skipWs();
        char q = r.peek();
        if (q != '\'' && q != '"' && q != '`') {
          throw r.error("the URL of @" + name + " must be a string literal");
        }
        String url = r.string();
        r.skipWs();
        JsonObject options = new JsonObject();
        if (r.peek() == ',') {
          r.skip(1);
          r.skipWs();
          if (r.peek() != ')') {
            Object o = r.value();
            if (!(o instanceof JsonObject jo)) {
              throw r.error("the options of @" + name + " must be an object literal");
            }
            options = jo;
          }
        }
        r.skipWs();
        if (r.peek() == '+') {
          throw r.error("a computed URL needs a JavaScript engine");
        }
        r.expect(')');
        out.add(new Action(method, url, options));
      } else if (r.peek() == '$') {
        r.skip(1);
        StringBuilder path = new StringBuilder(r.identifier());
        while (r.peek() == '.') {
          r.skip(1);
          path.append('.').append(r.identifier());
        }
        r.skipWs();
        if (r.peek() != '=' || r.startsWith("==")) {
          throw r.error("only assignments of literals to signals ($x = 1) are supported");
        }
        r.skip(1);
        Object v = r.value();
        out.add(new Assign(path.toString(), v == JsReader.UNDEFINED ? null : v));
      } else {
        throw r.error("unsupported statement (the kit runs @get/@post/@put/@patch/@delete actions and $signal = literal)");
      }
    }
  }
}
