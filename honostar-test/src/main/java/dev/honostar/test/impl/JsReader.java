package dev.honostar.test.impl;

import dev.honostar.test.UnsupportedExpressionException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * Reads JavaScript literals (the subset Datastar attributes use with constant values): objects
 * with bare, quoted or numeric keys, arrays, strings in {@code '…'}, {@code "…"} or
 * {@code `…`} (without interpolation), numbers, {@code true}, {@code false}, {@code null},
 * {@code undefined} and regular expressions. Objects become {@link JsonObject}s, regular
 * expressions {@link JsRegex}.
 */
public final class JsReader {

  /** A regular expression literal; {@link #pattern()} is its Java equivalent (flags i, m, s, u honoured). */
  public record JsRegex(String source, String flags) {
    public Pattern pattern() {
      int f = 0;
      if (flags.contains("i")) {
        f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
      }
      if (flags.contains("m")) {
        f |= Pattern.MULTILINE;
      }
      if (flags.contains("s")) {
        f |= Pattern.DOTALL;
      }
      return Pattern.compile(source, f);
    }

    @Override
    public String toString() {
      return "/" + source + "/" + flags;
    }
  }

  /** The value {@code undefined}. */
  public static final Object UNDEFINED = new Object() {
    @Override
    public String toString() {
      return "undefined";
    }
  };

  private final String src;
  private int pos;

  public JsReader(String src) {
    this.src = src;
  }

  /** Parses a whole string as one literal. */
  public static Object parseLiteral(String src) {
    JsReader r = new JsReader(src);
    Object v = r.value();
    r.skipWs();
    if (!r.atEnd()) {
      throw r.error("unexpected text after the value");
    }
    return v;
  }

  public int pos() {
    return pos;
  }

  public String source() {
    return src;
  }

  public boolean atEnd() {
    return pos >= src.length();
  }

  public char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  public boolean startsWith(String s) {
    return src.startsWith(s, pos);
  }

  public void skip(int n) {
    pos += n;
  }

  public void skipWs() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (src.startsWith("//", pos)) {
        int nl = src.indexOf('\n', pos);
        pos = nl < 0 ? src.length() : nl + 1;
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        pos = end < 0 ? src.length() : end + 2;
      } else {
        return;
      }
    }
  }

  public void expect(char c) {
    skipWs();
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  public UnsupportedExpressionException error(String what) {
    return new UnsupportedExpressionException(what + " at position " + pos + " of: " + src);
  }

  public String identifier() {
    skipWs();
    int start = pos;
    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '$')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return src.substring(start, pos);
  }

  public Object value() {
    skipWs();
    char c = peek();
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '\'':
      case '"':
      case '`':
        return string();
      case '/':
        return regex();
      default:
        break;
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c) || c == '_' || c == '$') {
      int start = pos;
      String word = identifier();
      switch (word) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "null":
          return null;
        case "undefined":
          return UNDEFINED;
        default:
          pos = start;
          throw error("not a literal ('" + word + "…' needs a JavaScript engine)");
      }
    }
    throw error(atEnd() ? "unexpected end" : "unexpected '" + c + "'");
  }

  private JsonObject object() {
    expect('{');
    JsonObject o = new JsonObject();
    skipWs();
    if (peek() == '}') {
      pos++;
      return o;
    }
    while (true) {
      skipWs();
      String key;
      char c = peek();
      if (c == '\'' || c == '"' || c == '`') {
        key = string();
      } else if (Character.isDigit(c)) {
        key = String.valueOf(number());
      } else {
        key = identifier();
      }
      skipWs();
      if (peek() != ':') {
        throw error("expected ':' after key '" + key + "' (shorthand properties need a JavaScript engine)");
      }
      pos++;
      Object v = value();
      if (v instanceof JsRegex rx) {
        o.put(key, rx);
      } else if (v != UNDEFINED) {
        o.put(key, v);
      }
      skipWs();
      if (peek() == ',') {
        pos++;
        skipWs();
        if (peek() == '}') {
          pos++;
          return o;
        }
        continue;
      }
      if (peek() == '}') {
        pos++;
        return o;
      }
      throw error("expected ',' or '}'");
    }
  }

  private JsonArray array() {
    expect('[');
    JsonArray a = new JsonArray();
    skipWs();
    if (peek() == ']') {
      pos++;
      return a;
    }
    while (true) {
      Object v = value();
      a.add(v == UNDEFINED ? null : v);
      skipWs();
      if (peek() == ',') {
        pos++;
        skipWs();
        if (peek() == ']') {
          pos++;
          return a;
        }
        continue;
      }
      if (peek() == ']') {
        pos++;
        return a;
      }
      throw error("expected ',' or ']'");
    }
  }

  public String string() {
    skipWs();
    char q = peek();
    if (q != '\'' && q != '"' && q != '`') {
      throw error("expected a string");
    }
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == q) {
        return sb.toString();
      }
      if (q == '`' && c == '$' && peek() == '{') {
        pos--;
        throw error("template literal interpolation needs a JavaScript engine");
      }
      if (c == '\\') {
        if (pos >= src.length()) {
          break;
        }
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'v' -> sb.append('\u000B');
          case '0' -> sb.append('\0');
          case 'u' -> {
            if (peek() == '{') {
              int end = src.indexOf('}', pos);
              sb.appendCodePoint(Integer.parseInt(src.substring(pos + 1, end), 16));
              pos = end + 1;
            } else {
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
              pos += 4;
            }
          }
          case 'x' -> {
            sb.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
            pos += 2;
          }
          case '\n' -> { }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw error("unterminated string");
  }

  private Number number() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || ".eE_".indexOf(src.charAt(pos)) >= 0
      || ((src.charAt(pos) == '-' || src.charAt(pos) == '+') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
      pos++;
    }
    String text = src.substring(start, pos).replace("_", "");
    try {
      if (text.matches("[+-]?\\d+")) {
        return Long.parseLong(text);
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("not a number");
    }
  }

  private JsRegex regex() {
    expect('/');
    StringBuilder sb = new StringBuilder();
    boolean inClass = false;
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        sb.append(c).append(src.charAt(pos++));
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        int start = pos;
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
          pos++;
        }
        return new JsRegex(sb.toString(), src.substring(start, pos));
      }
      sb.append(c);
    }
    throw error("unterminated regular expression");
  }
}
