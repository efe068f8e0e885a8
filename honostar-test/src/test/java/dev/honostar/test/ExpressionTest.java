package dev.honostar.test;

import dev.honostar.test.impl.Expression;
import dev.honostar.test.impl.JsReader;
import dev.honostar.test.impl.Signals;
import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {

  @Test
  void parsesTheLiveElementsAction() {
    List<Expression.Statement> s = Expression.parse("@get('/_/events',{filterSignals:{include:/^hslive\\./}})");
    assertThat(s).singleElement().isInstanceOf(Expression.Action.class);
    Expression.Action a = (Expression.Action) s.get(0);
    assertThat(a.method()).isEqualTo("GET");
    assertThat(a.url()).isEqualTo("/_/events");
    JsReader.JsRegex rx = (JsReader.JsRegex) a.options().getJsonObject("filterSignals").getValue("include");
    assertThat(rx.pattern().matcher("hslive.t").find()).isTrue();
    assertThat(rx.pattern().matcher("other.hslive").find()).isFalse();
  }

  @Test
  void parsesCommonForms() {
    assertThat(Expression.parse("@post(\"/x\", {contentType: 'form', headers: {'X-A': 1}})")).singleElement()
      .isEqualTo(new Expression.Action("POST", "/x", new JsonObject().put("contentType", "form").put("headers", new JsonObject().put("X-A", 1L))));
    assertThat(Expression.parse("$title = ''; $form.open = false; @delete(`/todos/7`)")).containsExactly(
      new Expression.Assign("title", ""), new Expression.Assign("form.open", false), new Expression.Action("DELETE", "/todos/7", new JsonObject()));
    assertThat(Expression.parse("@put('/a')\n@patch('/b',)")).hasSize(2);
  }

  @Test
  void unknownExpressionsFailClearly() {
    assertThatThrownBy(() -> Expression.parse("@post('/todos/' + $id)")).isInstanceOf(UnsupportedExpressionException.class)
      .hasMessageContaining("computed URL");
    assertThatThrownBy(() -> Expression.parse("@post(`/todos/${$id}`)")).hasMessageContaining("interpolation");
    assertThatThrownBy(() -> Expression.parse("alert(1)")).hasMessageContaining("unsupported statement");
    assertThatThrownBy(() -> Expression.parse("@setAll('x', 1)")).hasMessageContaining("@setAll");
    assertThatThrownBy(() -> Expression.parse("$count = $count + 1")).hasMessageContaining("not a literal");
  }

  @Test
  void readsSignalsAndBindingsFromAttributes() {
    Document d = Jsoup.parse("<body>"
      + "<div data-signals='{\"hslive\":{\"t\":\"T\"}, count: 1, _local: true}'></div>"
      + "<div data-signals:user-name=\"'ann'\" data-signals-flag=\"true\" data-signals:count__ifmissing=\"5\"></div>"
      + "<input data-bind:title value=\"hello\"><input type=checkbox data-bind=\"done\" checked>"
      + "<textarea data-bind:body>text</textarea>"
      + "</body>");
    JsonObject signals = new JsonObject();
    List<String> warnings = new java.util.ArrayList<>();
    Signals.scan(d, signals, null, warnings);
    assertThat(warnings).isEmpty();
    assertThat(signals).isEqualTo(new JsonObject("{\"hslive\":{\"t\":\"T\"},\"count\":1,\"_local\":true,\"userName\":\"ann\",\"flag\":true,"
      + "\"title\":\"hello\",\"done\":true,\"body\":\"text\"}"));

    // What an action sends by default: no signal whose path segment starts with '_'.
    JsonObject sent = Signals.filter(signals, Pattern.compile(".*"), Pattern.compile("(^|\\.)_"));
    assertThat(sent.containsKey("_local")).isFalse();
    assertThat(Signals.filter(signals, Pattern.compile("^hslive\\."), Pattern.compile("(^|\\.)_")))
      .isEqualTo(new JsonObject("{\"hslive\":{\"t\":\"T\"}}"));

    signals.put("title", "changed");
    Signals.syncBindings(d, signals);
    assertThat(d.selectFirst("input[data-bind:title]").attr("value")).isEqualTo("changed");
  }
}
