package dev.honostar.test;

import io.vertx.core.json.JsonObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomPatcherTest {

  private static Document page() {
    return pretty(Jsoup.parse("<html><head><title>t</title></head><body>"
      + "<div id=\"a\" class=\"box\"><span>old</span></div>"
      + "<ul id=\"list\"><li id=\"i1\">1</li><li id=\"i2\">2</li></ul>"
      + "<table><tbody id=\"rows\"><tr id=\"r1\"><td>r1</td></tr></tbody></table>"
      + "<p class=\"note\">n1</p><p class=\"note\">n2</p>"
      + "</body></html>", "http://localhost/"));
  }

  private static Document pretty(Document d) {
    d.outputSettings().prettyPrint(false);
    return d;
  }

  private static String body(Document d) {
    return d.body().html().replaceAll("\\s*\\n\\s*", "");
  }

  @Test
  void outerWithoutSelectorMatchesEachTopLevelElementById() {
    Document d = page();
    DomPatcher.Result r = DomPatcher.patchElements(d, "<div id=\"a\">new</div>\n<li id=\"i2\">two</li>", null, null, null);
    assertThat(d.getElementById("a").outerHtml()).isEqualTo("<div id=\"a\">new</div>");
    assertThat(d.select("#list li").eachText()).containsExactly("1", "two");
    // Kept in place: #a is still the first child of body.
    assertThat(d.body().child(0).id()).isEqualTo("a");
    assertThat(r.inserted()).hasSize(2);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void aMissingTargetIsAWarningNotAFailure() {
    Document d = page();
    DomPatcher.Result r = DomPatcher.patchElements(d, "<div id=\"nope\">x</div>", null, "outer", null);
    assertThat(r.warnings()).singleElement().asString().contains("nope");
    r = DomPatcher.patchElements(d, "<div>x</div>", "#missing", "inner", null);
    assertThat(r.warnings()).singleElement().asString().contains("#missing");
  }

  @Test
  void replaceWithoutSelector() {
    Document d = page();
    DomPatcher.patchElements(d, "<section id=\"a\">s</section>", null, "replace", null);
    assertThat(d.getElementById("a").normalName()).isEqualTo("section");
  }

  @Test
  void modesNeedingASelectorAreRejectedWithoutOne() {
    for (String mode : new String[] {"inner", "append", "prepend", "before", "after", "remove"}) {
      assertThatThrownBy(() -> DomPatcher.patchElements(page(), "<p>x</p>", null, mode, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PatchElementsExpectedSelector");
    }
    assertThatThrownBy(() -> DomPatcher.patchElements(page(), "<p>x</p>", "#a", "sideways", null))
      .hasMessageContaining("PatchElementsInvalidMode");
  }

  @Test
  void everyModeWithASelector() {
    Document d = page();
    DomPatcher.patchElements(d, "<b>in</b>", "#a", "inner", null);
    assertThat(d.getElementById("a").html()).isEqualTo("<b>in</b>");
    assertThat(d.getElementById("a").className()).isEqualTo("box");

    DomPatcher.patchElements(d, "<li>0</li>", "#list", "prepend", null);
    DomPatcher.patchElements(d, "<li>3</li><li>4</li>", "#list", "append", null);
    assertThat(d.select("#list li").eachText()).containsExactly("0", "1", "2", "3", "4");

    DomPatcher.patchElements(d, "<li>1a</li><li>1b</li>", "#i1", "after", null);
    DomPatcher.patchElements(d, "<li>-1</li><li>-0</li>", "#i1", "before", null);
    assertThat(d.select("#list li").eachText()).containsExactly("0", "-1", "-0", "1", "1a", "1b", "2", "3", "4");

    DomPatcher.patchElements(d, "<li id=\"i1\">one</li>", "#i1", "outer", null);
    assertThat(d.getElementById("i1").text()).isEqualTo("one");
    DomPatcher.patchElements(d, "<li id=\"x2\">two</li>", "#i2", "replace", null);
    assertThat(d.getElementById("i2")).isNull();
    assertThat(d.getElementById("x2")).isNotNull();

    DomPatcher.patchElements(d, null, "#list li:not([id])", "remove", null);
    assertThat(d.select("#list li").eachText()).containsExactly("one", "two");
  }

  @Test
  void aSelectorMatchingSeveralElementsPatchesEach() {
    Document d = page();
    DomPatcher.patchElements(d, "<i>!</i>", "p.note", "append", null);
    assertThat(d.select("p.note i")).hasSize(2);
    DomPatcher.patchElements(d, "", "p.note", "remove", null);
    assertThat(d.select("p.note")).isEmpty();
  }

  @Test
  void tableRowsSurviveFragmentParsing() {
    Document d = page();
    DomPatcher.patchElements(d, "<tr id=\"r2\"><td>r2</td></tr>", "#rows", "append", null);
    assertThat(d.select("#rows tr").eachAttr("id")).containsExactly("r1", "r2");
    DomPatcher.patchElements(d, "<tr id=\"r1\"><td>R1</td></tr>", null, null, null);
    assertThat(d.getElementById("r1").text()).isEqualTo("R1");
  }

  @Test
  void svgNamespace() {
    Document d = Jsoup.parse("<body><svg id=\"pic\"><g id=\"g\"></g></svg></body>");
    DomPatcher.patchElements(d, "<circle r=\"3\"></circle>", "#g", "inner", "svg");
    assertThat(d.select("#g circle")).hasSize(1);
  }

  @Test
  void bodyPatchReplacesTheBody() {
    Document d = page();
    DomPatcher.patchElements(d, "<body class=\"x\"><main id=\"m\">hi</main></body>", null, null, null);
    assertThat(d.body().className()).isEqualTo("x");
    assertThat(body(d)).isEqualTo("<main id=\"m\">hi</main>");
  }

  @Test
  void scriptsAreRecordedAndSelfRemovingOnesRemoved() {
    Document d = page();
    DomPatcher.Result r = DomPatcher.patchElements(d,
      "<script data-effect=\"el.remove()\">window.location.assign(\"/next\")</script>", "body", "append", null);
    assertThat(r.scripts()).singleElement().satisfies(s -> {
      assertThat(s.code()).isEqualTo("window.location.assign(\"/next\")");
      assertThat(s.attributes()).containsEntry("data-effect", "el.remove()");
      assertThat(s.navigation()).contains("/next");
    });
    assertThat(d.select("body > script")).isEmpty();

    r = DomPatcher.patchElements(d, "<script type=\"module\">import('/x.js')</script>", "body", "append", null);
    assertThat(r.scripts()).singleElement().satisfies(s -> assertThat(s.navigation()).isEmpty());
    assertThat(d.select("body > script[type=module]")).hasSize(1);
  }

  @Test
  void appliesAnEvent() {
    Document d = page();
    ReceivedEvent e = SseParser.parse("event: datastar-patch-elements\ndata: selector #a\ndata: mode inner\ndata: elements <em>1</em>\ndata: elements <em>2</em>\n\n").get(0);
    DomPatcher.apply(d, e);
    assertThat(d.select("#a em").eachText()).containsExactly("1", "2");
  }

  @Test
  void signalsMergePatch() {
    JsonObject s = new JsonObject("{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":\"x\"}");
    DomPatcher.mergePatch(s, new JsonObject("{\"a\":null,\"b\":{\"c\":20,\"d\":null,\"n\":{\"z\":true}},\"f\":[1,2]}"), false);
    assertThat(s).isEqualTo(new JsonObject("{\"b\":{\"c\":20,\"n\":{\"z\":true}},\"e\":\"x\",\"f\":[1,2]}"));

    DomPatcher.mergePatch(s, new JsonObject("{\"e\":\"y\",\"g\":1,\"b\":{\"c\":null,\"m\":5}}"), true);
    assertThat(s).isEqualTo(new JsonObject("{\"b\":{\"c\":20,\"n\":{\"z\":true},\"m\":5},\"e\":\"x\",\"f\":[1,2],\"g\":1}"));

    // A value replaced by an object.
    DomPatcher.mergePatch(s, new JsonObject("{\"e\":{\"k\":1}}"), false);
    assertThat(s.getJsonObject("e")).isEqualTo(new JsonObject().put("k", 1));
  }
}
