package dev.honostar.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.honostar.view.impl.JsonEmbed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonEmbedPropertyTest {

  private final JsonEmbed json = new JsonEmbed();
  private final ObjectMapper mapper = new ObjectMapper();

  @Provide
  Arbitrary<String> nasty() {
    Arbitrary<String> fragments = Arbitraries.of("</script", "</SCRIPT>", "<!--", "-->", "<script>", "&", "<", ">",
        "\u2028", "\u2029", "\"", "'", "\\", "/", "\u0000", "é", "😀", "</scr", "ipt>");
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
    return Arbitraries.oneOf(fragments, any).list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Property(tries = 500)
  void scriptJsonNeverClosesTheScriptAndRoundTrips(@ForAll("nasty") String text, @ForAll("nasty") String key) throws Exception {
    Map<String, Object> value = Map.of("text", text, key.isEmpty() ? "k" : key, List.of(text, 1, true));
    String out = json.toScriptJson(value);
    assertThat(out.toLowerCase()).doesNotContain("</script").doesNotContain("<!--");
    assertThat(out).doesNotContain("\u2028").doesNotContain("\u2029");
    assertThat(mapper.readValue(out, Map.class)).isEqualTo(value);

    // And a browser-grade HTML parser sees exactly one script whose text is our JSON.
    String page = "<script type=\"application/json\" id=\"d\">" + out + "</script><p id=\"after\">x</p>";
    Element script = Jsoup.parse(page).getElementById("d");
    assertThat(script.data()).isEqualTo(out);
    assertThat(mapper.readValue(script.data(), Map.class)).isEqualTo(value);
  }

  @Property(tries = 200)
  void scriptJsonOfPlainStringsRoundTrips(@ForAll("nasty") String text) throws Exception {
    String out = json.toScriptJson(text);
    assertThat(out.toLowerCase()).doesNotContain("</script").doesNotContain("<!--");
    assertThat(mapper.readValue(out, String.class)).isEqualTo(text);
  }
}
