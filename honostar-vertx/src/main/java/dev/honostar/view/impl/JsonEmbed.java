package dev.honostar.view.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.jackson.VertxModule;

/** Serialises values to JSON for embedding in HTML attributes and {@code <script>} elements. */
public final class JsonEmbed {

  private final ObjectMapper mapper = new ObjectMapper().registerModule(new VertxModule());

  /** Plain JSON; {@code JsonObject}, {@code JsonArray}, maps, lists, beans and records. */
  public String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialise " + value.getClass().getName() + " to JSON", e);
    }
  }

  /**
   * JSON safe inside a {@code <script>} element: {@code < > &} and the JavaScript line terminators
   * U+2028/U+2029 become {@code \}{@code uXXXX} escapes, so the text can never close the element,
   * open a comment, or break a JS parser. Those characters can only occur inside JSON strings, where
   * the escapes mean the same value.
   */
  public String toScriptJson(Object value) {
    return scriptSafe(toJson(value));
  }

  static String scriptSafe(String json) {
    StringBuilder b = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<': b.append("\\u003c"); break;
        case '>': b.append("\\u003e"); break;
        case '&': b.append("\\u0026"); break;
        case '\u2028': b.append("\\u2028"); break;
        case '\u2029': b.append("\\u2029"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }
}
