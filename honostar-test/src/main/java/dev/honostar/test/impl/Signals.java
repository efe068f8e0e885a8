package dev.honostar.test.impl;

import dev.honostar.test.DomPatcher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads signals from Datastar attributes and keeps data-bind inputs in step with them. */
public final class Signals {

  private Signals() {
  }

  /** A parsed Datastar attribute name: {@code data-<plugin>[:|-]<key>__mod1__mod2}. */
  public record Attr(String key, List<String> modifiers) {
    public boolean has(String modifier) {
      return modifiers.stream().anyMatch(m -> m.equals(modifier) || m.startsWith(modifier + "."));
    }
  }

  /** @return the parsed name when {@code name} belongs to {@code plugin}, else null */
  public static Attr parse(String name, String plugin) {
    String prefix = "data-" + plugin;
    if (!name.startsWith(prefix)) {
      return null;
    }
    String rest = name.substring(prefix.length());
    String key;
    if (rest.isEmpty() || rest.startsWith("__")) {
      key = null;
    } else if (rest.charAt(0) == ':' || rest.charAt(0) == '-') {
      rest = rest.substring(1);
      int mod = rest.indexOf("__");
      key = mod < 0 ? rest : rest.substring(0, mod);
      rest = mod < 0 ? "" : rest.substring(mod);
    } else {
      return null;
    }
    List<String> mods = new ArrayList<>();
    if (rest.startsWith("__")) {
      mods.addAll(Arrays.asList(rest.substring(2).split("__")));
    }
    return new Attr(key, List.copyOf(mods));
  }

  /** Datastar's default key casing: kebab-case (and snake_case) become camelCase, per dotted segment. */
  public static String camel(String key, Attr attr) {
    boolean kebab = attr != null && attr.modifiers().contains("case.kebab");
    boolean snake = attr != null && attr.modifiers().contains("case.snake");
    boolean pascal = attr != null && attr.modifiers().contains("case.pascal");
    StringBuilder out = new StringBuilder();
    for (String seg : key.split("\\.", -1)) {
      if (out.length() > 0) {
        out.append('.');
      }
      String k = seg.replace('_', '-').toLowerCase(Locale.ROOT);
      if (kebab) {
        out.append(k);
      } else if (snake) {
        out.append(k.replace('-', '_'));
      } else {
        StringBuilder c = new StringBuilder();
        boolean up = pascal;
        for (char ch : k.toCharArray()) {
          if (ch == '-') {
            up = true;
          } else {
            c.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
          }
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Applies the {@code data-signals*} and {@code data-bind*} attributes of {@code root} and its
   * descendants in document order, as the runtime does when elements appear.
   *
   * @param unchanged id → data-signals value of elements that were already in the page; an
   *     element with the same id and value is skipped (a morph keeps the attribute, so the
   *     runtime does not apply it again)
   */
  public static void scan(Element root, JsonObject signals, Map<String, String> unchanged, List<String> warnings) {
    for (Element el : root.getAllElements()) {
      for (Attribute a : el.attributes()) {
        String name = a.getKey();
        Attr s = parse(name, "signals");
        if (s != null) {
          applySignals(el, s, a.getValue(), signals, unchanged, warnings);
          continue;
        }
        Attr b = parse(name, "bind");
        if (b != null) {
          String path = b.key() != null ? camel(b.key(), b) : a.getValue().trim();
          if (path.isEmpty()) {
            continue;
          }
          Object current = get(signals, path);
          if (current == null) {
            set(signals, path, elementValue(el));
          } else {
            setElementValue(el, current);
          }
        }
      }
    }
  }

  private static void applySignals(Element el, Attr attr, String value, JsonObject signals, Map<String, String> unchanged,
                                   List<String> warnings) {
    String id = el.id();
    if (!id.isEmpty() && unchanged != null && value.equals(unchanged.get(id + "|" + attr.key()))) {
      return;
    }
    boolean ifMissing = attr.has("ifmissing");
    try {
      if (attr.key() == null) {
        Object parsed = JsReader.parseLiteral(value);
        if (!(parsed instanceof JsonObject patch)) {
          warnings.add("data-signals is not an object on " + describe(el) + ": " + value);
          return;
        }
        DomPatcher.mergePatch(signals, patch, ifMissing);
      } else {
        Object v = value.isBlank() ? "" : JsReader.parseLiteral(value);
        String path = camel(attr.key(), attr);
        if (ifMissing && get(signals, path) != null) {
          return;
        }
        set(signals, path, v == JsReader.UNDEFINED ? null : v);
      }
    } catch (IllegalArgumentException e) {
      warnings.add("Cannot evaluate " + (attr.key() == null ? "data-signals" : "data-signals:" + attr.key()) + " on " + describe(el)
        + " without JavaScript: " + e.getMessage());
    }
  }

  /** Sets every {@code data-bind} element in {@code root} from the signals. */
  public static void syncBindings(Element root, JsonObject signals) {
    for (Element el : root.getAllElements()) {
      for (Attribute a : el.attributes()) {
        Attr b = parse(a.getKey(), "bind");
        if (b != null) {
          String path = b.key() != null ? camel(b.key(), b) : a.getValue().trim();
          if (!path.isEmpty()) {
            Object current = get(signals, path);
            if (current != null) {
              setElementValue(el, current);
            }
          }
        }
      }
    }
  }

  /** @return the signal path an element's data-bind names, or null */
  public static String boundPath(Element el) {
    for (Attribute a : el.attributes()) {
      Attr b = parse(a.getKey(), "bind");
      if (b != null) {
        String path = b.key() != null ? camel(b.key(), b) : a.getValue().trim();
        return path.isEmpty() ? null : path;
      }
    }
    return null;
  }

  /** The value a form control holds, as the runtime reads it for data-bind. */
  public static Object elementValue(Element el) {
    String tag = el.normalName();
    String type = el.attr("type").toLowerCase(Locale.ROOT);
    if (tag.equals("input") && type.equals("checkbox")) {
      return el.hasAttr("checked");
    }
    if (tag.equals("input") && type.equals("radio")) {
      return el.hasAttr("checked") ? el.attr("value") : "";
    }
    if (tag.equals("textarea")) {
      return el.wholeText();
    }
    if (tag.equals("select")) {
      Element opt = el.selectFirst("option[selected]");
      if (opt == null) {
        opt = el.selectFirst("option");
      }
      return opt == null ? "" : opt.hasAttr("value") ? opt.attr("value") : opt.text();
    }
    return el.attr("value");
  }

  /** Puts a value into a form control (attributes, since jsoup has no live properties). */
  public static void setElementValue(Element el, Object value) {
    String tag = el.normalName();
    String type = el.attr("type").toLowerCase(Locale.ROOT);
    String text = value == null ? "" : String.valueOf(value);
    if (tag.equals("input") && type.equals("checkbox")) {
      boolean on = value instanceof Boolean bool ? bool : text.equals(el.attr("value"));
      if (on) {
        el.attr("checked", "");
      } else {
        el.removeAttr("checked");
      }
    } else if (tag.equals("input") && type.equals("radio")) {
      if (text.equals(el.attr("value"))) {
        el.attr("checked", "");
      } else {
        el.removeAttr("checked");
      }
    } else if (tag.equals("textarea")) {
      el.text(text);
    } else if (tag.equals("select")) {
      for (Element opt : el.select("option")) {
        String v = opt.hasAttr("value") ? opt.attr("value") : opt.text();
        if (v.equals(text)) {
          opt.attr("selected", "");
        } else {
          opt.removeAttr("selected");
        }
      }
    } else if (tag.equals("input") || el.hasAttr("value")) {
      el.attr("value", text);
    } else {
      el.text(text);
    }
  }

  private static final Pattern DOT = Pattern.compile("\\.");

  /** @return the value at a dotted path, or null */
  public static Object get(JsonObject signals, String path) {
    Object cur = signals;
    for (String seg : DOT.split(path, -1)) {
      if (cur instanceof JsonObject o) {
        cur = o.getValue(seg);
      } else if (cur instanceof JsonArray arr && seg.matches("\\d+")) {
        int i = Integer.parseInt(seg);
        cur = i < arr.size() ? arr.getValue(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }

  /** Sets the value at a dotted path, creating objects on the way; null deletes. */
  public static void set(JsonObject signals, String path, Object value) {
    String[] segs = DOT.split(path, -1);
    JsonObject parent = parentOf(signals, segs);
    if (value == null) {
      parent.remove(segs[segs.length - 1]);
    } else {
      parent.put(segs[segs.length - 1], value);
    }
  }

  /** @return the object holding the last segment of {@code segs}, creating objects on the way */
  private static JsonObject parentOf(JsonObject root, String[] segs) {
    JsonObject cur = root;
    for (int i = 0; i < segs.length - 1; i++) {
      Object next = cur.getValue(segs[i]);
      if (!(next instanceof JsonObject)) {
        next = new JsonObject();
        cur.put(segs[i], next);
      }
      cur = (JsonObject) next;
    }
    return cur;
  }

  /**
   * The signals an action sends: leaf paths filtered by include/exclude regexes (found anywhere
   * in the dotted path, as {@code RegExp.test}), rebuilt as nested objects.
   */
  public static JsonObject filter(JsonObject signals, Pattern include, Pattern exclude) {
    JsonObject out = new JsonObject();
    filter(signals, "", include, exclude, out);
    return out;
  }

  private static void filter(JsonObject node, String prefix, Pattern include, Pattern exclude, JsonObject out) {
    for (String key : node.fieldNames()) {
      String path = prefix + key;
      Object v = node.getValue(key);
      if (v instanceof JsonObject o) {
        filter(o, path + ".", include, exclude, out);
      } else if (include.matcher(path).find() && !exclude.matcher(path).find()) {
        String[] segs = DOT.split(path, -1);
        // A null leaf is kept (sent as null), unlike set(), which deletes.
        parentOf(out, segs).put(segs[segs.length - 1], v instanceof JsonArray a ? a.copy() : v);
      }
    }
  }

  public static String describe(Element el) {
    StringBuilder sb = new StringBuilder("<").append(el.normalName());
    if (!el.id().isEmpty()) {
      sb.append(" id=\"").append(el.id()).append('"');
    }
    if (!el.className().isEmpty()) {
      sb.append(" class=\"").append(el.className()).append('"');
    }
    return sb.append('>').toString();
  }
}
