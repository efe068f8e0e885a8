package dev.honostar.protocol;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The signal parser never fails with anything but a 400 {@link SignalsException}. */
class SignalsPropertiesTest {

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> pieces = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000",
      "\\", "\"a\"", " ", "\n", "1", "{\"a\":", "\uD800", "é");
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), pieces.list().ofMaxSize(20).map(l -> String.join("", l)));
  }

  @Property(tries = 2000)
  void parsingAnyTextGivesAnObjectOrA400(@ForAll("jsonish") String text) {
    try {
      JsonObject signals = Signals.parse(text);
      assertThat(signals).isNotNull();
    } catch (SignalsException e) {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.getMessage()).isIn("Signals are not valid JSON", "Signals must be a JSON object");
    }
  }

  @Property(tries = 500)
  void anyObjectRoundTrips(@ForAll("keys") String key, @ForAll("jsonish") String value) {
    JsonObject original = new JsonObject().put(key, value).put("n", new JsonObject().put(key, 1));
    assertThat(Signals.parse(original.encode())).isEqualTo(original);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
  }
}
