package dev.honostar.protocol;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEncodingTest {

  @Test
  void patchElementsWithDefaultsWritesOnlyTheElements() throws Exception {
    assertThat(PatchElements.of("<div id=\"a\">1</div>").mode(PatchMode.OUTER).useViewTransition(false).toSseEvent().toString())
      .isEqualTo("event: datastar-patch-elements\ndata: elements <div id=\"a\">1</div>\n\n");
  }

  @Test
  void patchElementsWritesEveryOptionInSpecOrder() throws Exception {
    String sse = PatchElements.of("<div>Merge</div>")
      .selector("#feed").mode(PatchMode.APPEND).namespace(ElementNamespace.SVG)
      .useViewTransition(true).viewTransitionSelector("#main")
      .eventId("e1").retry(2000).toSseEvent().toString();
    assertThat(sse).isEqualTo("""
      event: datastar-patch-elements
      id: e1
      retry: 2000
      data: selector #feed
      data: mode append
      data: namespace svg
      data: useViewTransition true
      data: viewTransitionSelector #main
      data: elements <div>Merge</div>

      """);
  }

  @Test
  void everyModeHasItsWireName() throws Exception {
    for (PatchMode mode : PatchMode.values()) {
      PatchElements p = mode == PatchMode.REMOVE ? PatchElements.remove("#x") : PatchElements.of("<p>x</p>").selector("#x").mode(mode);
      String sse = p.toSseEvent().toString();
      if (mode == PatchMode.OUTER) {
        assertThat(sse).doesNotContain("data: mode");
      } else {
        assertThat(sse).contains("data: mode " + mode.name().toLowerCase() + "\n");
      }
      assertThat(PatchMode.fromWireName(mode.wireName())).isEqualTo(mode);
    }
  }

  @Test
  void mathmlNamespaceIsWrittenAndHtmlIsNot() throws Exception {
    assertThat(PatchElements.of("<mi id=\"x\">x</mi>").namespace(ElementNamespace.MATHML).toSseEvent().toString())
      .contains("data: namespace mathml\n");
    assertThat(PatchElements.of("<p id=\"x\"></p>").namespace(ElementNamespace.HTML).toSseEvent().toString())
      .doesNotContain("namespace");
  }

  @Test
  void multiLineElementsBecomeOneDataLineEach() throws Exception {
    assertThat(PatchElements.of("<div id=\"a\">\n  <span>x</span>\r\n</div>").toSseEvent().toString())
      .isEqualTo("event: datastar-patch-elements\ndata: elements <div id=\"a\">\ndata: elements   <span>x</span>\ndata: elements </div>\n\n");
  }

  @Test
  void removeNeedsOnlyASelector() throws Exception {
    assertThat(PatchElements.remove("#target").toSseEvent().toString())
      .isEqualTo("event: datastar-patch-elements\ndata: selector #target\ndata: mode remove\n\n");
  }

  @Test
  void modesThatNeedASelectorAreRefusedWithoutOne() throws Exception {
    assertThatThrownBy(() -> PatchElements.of("<p>x</p>").mode(PatchMode.INNER).toSseEvent())
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a selector");
    assertThatThrownBy(() -> PatchElements.of("").toSseEvent())
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs elements");
    assertThat(PatchElements.of("<p id=\"x\">x</p>").mode(PatchMode.REPLACE).toSseEvent().toString()).contains("mode replace");
  }

  @Test
  void defaultRetryIsNotWrittenButOthersAre() throws Exception {
    assertThat(PatchSignals.of(new JsonObject()).retry(1000).toSseEvent().toString()).doesNotContain("retry");
    assertThat(PatchSignals.of(new JsonObject()).retry(0).toSseEvent().toString()).contains("retry: 0\n");
  }

  @Test
  void patchSignalsIsCompactJsonAndKeepsNullsForRemoval() throws Exception {
    JsonObject signals = new JsonObject().put("one", (Object) null).put("two", new JsonObject().put("alpha", (Object) null)).put("s", "a\nb");
    assertThat(PatchSignals.of(signals).eventId("e1").retry(2000).toSseEvent().toString())
      .isEqualTo("event: datastar-patch-signals\nid: e1\nretry: 2000\ndata: signals {\"one\":null,\"two\":{\"alpha\":null},\"s\":\"a\\nb\"}\n\n");
  }

  @Test
  void onlyIfMissingIsWrittenOnlyWhenTrue() throws Exception {
    assertThat(PatchSignals.of(Map.of("a", 1)).onlyIfMissing(true).toSseEvent().toString())
      .isEqualTo("event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"a\":1}\n\n");
    assertThat(PatchSignals.of(Map.of("a", 1)).onlyIfMissing(false).toSseEvent().toString()).doesNotContain("onlyIfMissing");
  }

  @Test
  void rawMultiLineSignalsBecomeSeveralLines() throws Exception {
    assertThat(PatchSignals.raw("{\n\"one\": 1,\n\"two\": 2}").toSseEvent().toString())
      .isEqualTo("event: datastar-patch-signals\ndata: signals {\ndata: signals \"one\": 1,\ndata: signals \"two\": 2}\n\n");
    assertThatThrownBy(() -> PatchSignals.raw("  ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void executeScriptAppendsASelfRemovingScriptToBody() throws Exception {
    assertThat(ExecuteScript.of("console.log('hello');").toSseEvent().toString()).isEqualTo("""
      event: datastar-patch-elements
      data: mode append
      data: selector body
      data: elements <script data-effect="el.remove()">console.log('hello');</script>

      """);
  }

  @Test
  void executeScriptWithAttributesAndNoAutoRemove() throws Exception {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("type", "text/javascript");
    attrs.put("blocking", "false");
    assertThat(ExecuteScript.of("x()").attributes(attrs).autoRemove(false).eventId("e1").retry(2000).toSseEvent().toString())
      .isEqualTo("""
        event: datastar-patch-elements
        id: e1
        retry: 2000
        data: mode append
        data: selector body
        data: elements <script type="text/javascript" blocking="false">x()</script>

        """);
  }

  @Test
  void scriptAttributesAreEscapedAndNamesValidated() throws Exception {
    String tag = ExecuteScript.of("x()").attribute("data-x", "\"><img src=x onerror=alert(1)>").scriptTag();
    // Escaped as templates and helpers escape (protocol.impl.Html): '=' too.
    assertThat(tag).isEqualTo("<script data-x=\"&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;\" data-effect=\"el.remove()\">x()</script>");
    assertThatThrownBy(() -> ExecuteScript.of("x").attribute("onload=\"x\"", "y")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecuteScript.of("x").attribute("a b", "y")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scriptTextCannotCloseItsElement() throws Exception {
    assertThat(ExecuteScript.of("let s = '</script><script>alert(1)'").scriptTag())
      .isEqualTo("<script data-effect=\"el.remove()\">let s = '<\\/script><script>alert(1)'</script>");
  }

  @Test
  void multiLineScriptIsSplitIntoElementLines() throws Exception {
    assertThat(ExecuteScript.of("if (true) {\n  go();\n}").toSseEvent().toString())
      .contains("data: elements <script data-effect=\"el.remove()\">if (true) {\ndata: elements   go();\ndata: elements }</script>\n");
  }

  @Test
  void idsAndEventNamesWithLineBreaksAreRefused() throws Exception {
    assertThatThrownBy(() -> PatchSignals.of(new JsonObject()).eventId("1\ndata: evil")).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("must not contain CR, LF or NUL");
    assertThatThrownBy(() -> SseEvent.builder("x\rbad")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void selectorLineBreaksAreFoldedIntoSpaces() throws Exception {
    assertThat(PatchElements.of("<p>x</p>").selector("#a\n\ndata: elements <x>\r\n").mode(PatchMode.INNER).toSseEvent().toString())
      .startsWith("event: datastar-patch-elements\ndata: selector #a  data: elements <x> \ndata: mode inner\n");
  }

  @Test
  void commentsAreSplitPerLine() throws Exception {
    assertThat(SseEvent.comment("").toString()).isEqualTo(":\n\n");
    assertThat(SseEvent.comment("a\nevent: x").toString()).isEqualTo(": a\n: event: x\n\n");
  }

  @Test
  void directReplyCapabilityFollowsTheOptions() throws Exception {
    assertThat(PatchElements.of("<p id=\"a\"></p>").canReplyDirectly()).isTrue();
    assertThat(PatchElements.of("<p id=\"a\"></p>").eventId("1").canReplyDirectly()).isFalse();
    assertThat(PatchElements.of("<p id=\"a\"></p>").viewTransitionSelector("#x").canReplyDirectly()).isFalse();
    assertThat(PatchElements.remove("#a").canReplyDirectly()).isFalse();
    assertThat(PatchSignals.of(new JsonObject()).retry(5).canReplyDirectly()).isFalse();
    assertThat(ExecuteScript.of("x").canReplyDirectly()).isTrue();
    assertThat(ExecuteScript.of("x").autoRemove(false).canReplyDirectly()).isFalse();
  }
}
