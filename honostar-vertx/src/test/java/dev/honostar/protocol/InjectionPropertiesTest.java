package dev.honostar.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever strings reach an event, the encoded stream holds exactly that one event with only
 * the fields it should have: no value can start a field or an event of its own.
 */
class InjectionPropertiesTest {

  @Provide
  Arbitrary<String> hostile() {
    // Bias towards the characters that matter for SSE framing.
    Arbitrary<String> pieces = Arbitraries.of("\n", "\r", "\r\n", "\n\n", ":", "data: ", "event: x", "id: 1", "retry: 1",
      " ", "<", ">", "\"", "'", "</script", "\0", "é", "🚀");
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
      pieces.list().ofMaxSize(12).map(l -> String.join("", l)));
  }

  private static String joinLines(String s) {
    return String.join("\n", Lines.split(s));
  }

  @Property(tries = 300)
  void elementsRoundTripAndStayOneEvent(@ForAll("hostile") String html) {
    String text = "<div>" + html + "</div>";
    List<SseParser.Event> events = SseParser.parse(PatchElements.of(text).toSseEvent().toString());
    assertThat(events).hasSize(1);
    SseParser.Event e = events.get(0);
    assertThat(e.type()).isEqualTo(DatastarEvent.PATCH_ELEMENTS);
    assertThat(e.fields().keySet()).containsOnly("event", "data");
    assertThat(String.join("\n", e.data("elements"))).isEqualTo(joinLines(text));
    assertThat(e.data()).allMatch(line -> line.startsWith("elements "));
  }

  @Property(tries = 300)
  void selectorStaysOnOneLine(@ForAll("hostile") String selector) {
    List<SseParser.Event> events = SseParser.parse(PatchElements.of("<p>x</p>").selector("#a" + selector).mode(PatchMode.INNER).toSseEvent().toString());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).fields().keySet()).containsOnly("event", "data");
    assertThat(events.get(0).data().get(0)).startsWith("selector #a");
    assertThat(events.get(0).data("selector")).hasSize(1);
    assertThat(events.get(0).data("mode")).containsExactly("inner");
  }

  @Property(tries = 300)
  void rawSignalsStayOneEvent(@ForAll("hostile") String json) {
    String text = "{" + json + "}";
    List<SseParser.Event> events = SseParser.parse(PatchSignals.raw(text).toSseEvent().toString());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).fields().keySet()).containsOnly("event", "data");
    assertThat(String.join("\n", events.get(0).data("signals"))).isEqualTo(joinLines(text));
  }

  @Property(tries = 300)
  void scriptsAndAttributeValuesStayInsideTheirElement(@ForAll("hostile") String script, @ForAll("hostile") String value) {
    ExecuteScript x = ExecuteScript.of(script).attribute("data-v", value);
    List<SseParser.Event> events = SseParser.parse(x.toSseEvent().toString());
    assertThat(events).hasSize(1);
    SseParser.Event e = events.get(0);
    assertThat(e.fields().keySet()).containsOnly("event", "data");
    String tag = String.join("\n", e.data("elements"));
    assertThat(tag).startsWith("<script data-v=\"").endsWith("</script>");
    // The only closing tag is the real one. (regionMatches, not toLowerCase: lower-casing can
    // change the length of a string, e.g. U+0130, and shift every index after it.)
    int first = -1;
    for (int i = 0; i + 8 <= tag.length() && first < 0; i++) {
      if (tag.regionMatches(true, i, "</script", 0, 8)) {
        first = i;
      }
    }
    assertThat(first).isEqualTo(tag.length() - "</script>".length());
    String attr = tag.substring("<script data-v=\"".length(), tag.indexOf('"', "<script data-v=\"".length()));
    assertThat(attr).doesNotContain("<", ">", "'");
  }

  /** The sample jqwik once shrank a failure to: lower-casing U+0130 lengthens a string. */
  @net.jqwik.api.Example
  void aDottedCapitalIDoesNotShiftTheCheck() {
    scriptsAndAttributeValuesStayInsideTheirElement("", "\u0130");
    scriptsAndAttributeValuesStayInsideTheirElement("</SCRİPT>", "\u0130</script>");
  }

  @Property(tries = 300)
  void idsEitherRoundTripOrAreRefused(@ForAll("hostile") String id) {
    boolean breaks = id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0 || id.indexOf('\0') >= 0;
    if (breaks) {
      assertThatThrownBy(() -> PatchSignals.raw("{}").eventId(id)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    List<SseParser.Event> events = SseParser.parse(PatchSignals.raw("{}").eventId(id).toSseEvent().toString());
    assertThat(events).hasSize(1);
    if (!id.isEmpty()) {
      assertThat(events.get(0).id()).isEqualTo(id);
    }
  }

  @Property(tries = 200)
  void commentsNeverDispatchAnEvent(@ForAll("hostile") String text) {
    assertThat(SseParser.parse(SseEvent.comment(text).toString())).isEmpty();
  }
}
