package dev.honostar.test;

import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies Datastar v1.0.2 patches to a jsoup {@link Document} the way the runtime applies them
 * to the browser's DOM, without JavaScript.
 *
 * <ul>
 *   <li>Without a selector ({@code outer} and {@code replace} only), each top-level element is
 *       matched by its {@code id} ({@code <html>}, {@code <head>}, {@code <body>} by tag); an
 *       element whose target is missing is skipped with a warning, as the runtime does.</li>
 *   <li>With a selector, every matching element is a target; no match is a warning.</li>
 *   <li>Modes: {@code outer} (a morph in the browser; here the target is replaced in place),
 *       {@code inner}, {@code replace}, {@code prepend}, {@code append}, {@code before},
 *       {@code after}, {@code remove}.</li>
 *   <li>Scripts in inserted content are recorded (never run); those carrying
 *       {@code data-effect="el.remove()"} (execute-script effects) are then removed, as they
 *       remove themselves in the browser.</li>
 * </ul>
 * Not thread-safe: callers hold the document's lock.
 */
public final class DomPatcher {

  private static final Set<String> MODES = Set.of("outer", "inner", "replace", "prepend", "append", "before", "after", "remove");
  private static final Pattern SVG = Pattern.compile("<svg(\\s[^>]*>|>)([\\s\\S]*?)</svg>", Pattern.CASE_INSENSITIVE);

  /**
   * What a patch did.
   *
   * @param inserted the elements it put into the document (top-level ones)
   * @param removed the elements it took out
   * @param scripts the scripts found in the inserted content
   * @param warnings what the runtime would have warned about (no targets found)
   */
  public record Result(List<Element> inserted, List<Element> removed, List<RecordedScript> scripts, List<String> warnings) {
  }

  private DomPatcher() {
  }

  /**
   * Applies a {@code datastar-patch-elements} event.
   *
   * @throws IllegalArgumentException for a patch the runtime rejects (unknown mode, a mode
   *     other than outer/replace without a selector, unknown namespace)
   */
  public static Result apply(Document doc, ReceivedEvent event) {
    if (!"datastar-patch-elements".equals(event.type())) {
      throw new IllegalArgumentException("Not a datastar-patch-elements event: " + event.type());
    }
    Map<String, String> f = event.datastar();
    return patchElements(doc, f.get("elements"), f.get("selector"), f.get("mode"), f.get("namespace"));
  }

  /** Applies elements with the given options (null means the default), see the class comment. */
  public static Result patchElements(Document doc, String elements, String selector, String mode, String namespace) {
    String m = mode == null || mode.isBlank() ? "outer" : mode.trim();
    String ns = namespace == null || namespace.isBlank() ? "html" : namespace.trim();
    String sel = selector == null ? "" : selector.trim();
    if (!MODES.contains(m)) {
      throw new IllegalArgumentException("PatchElementsInvalidMode: '" + m + "'");
    }
    if (sel.isEmpty() && !m.equals("outer") && !m.equals("replace")) {
      throw new IllegalArgumentException("PatchElementsExpectedSelector: mode '" + m + "' needs a selector");
    }
    if (!ns.equals("html") && !ns.equals("svg") && !ns.equals("mathml")) {
      throw new IllegalArgumentException("PatchElementsInvalidNamespace: '" + ns + "'");
    }
    List<Element> inserted = new ArrayList<>();
    List<Element> removed = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String html = elements == null ? "" : elements;

    if (sel.isEmpty()) {
      for (Node node : fragment(doc, html, ns)) {
        if (!(node instanceof Element el)) {
          continue;
        }
        Element target;
        switch (el.normalName()) {
          case "html" -> target = doc.selectFirst("html");
          case "head" -> target = doc.head();
          case "body" -> target = doc.body();
          default -> target = el.id().isEmpty() ? null : doc.getElementById(el.id());
        }
        if (target == null) {
          warnings.add("PatchElementsNoTargetsFound: no element with id '" + el.id() + "' for " + abbreviate(el.outerHtml()));
          continue;
        }
        if (target == doc.selectFirst("html") || target == doc.head() || target == doc.body()) {
          // Document-level elements keep their node; take the new attributes and children.
          replaceContent(target, el);
          inserted.add(target);
          continue;
        }
        target.before(el);
        target.remove();
        removed.add(target);
        inserted.add(el);
      }
    } else {
      Elements targets;
      try {
        targets = doc.select(sel);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid selector '" + sel + "': " + e.getMessage(), e);
      }
      if (targets.isEmpty()) {
        warnings.add("PatchElementsNoTargetsFound: selector '" + sel + "'");
      }
      for (Element target : targets) {
        if (m.equals("remove")) {
          target.remove();
          removed.add(target);
          continue;
        }
        List<Node> nodes = fragment(doc, html, ns);
        List<Element> els = nodes.stream().filter(n -> n instanceof Element).map(n -> (Element) n).toList();
        switch (m) {
          case "outer", "replace" -> {
            for (Node n : nodes) {
              target.before(n);
            }
            target.remove();
            removed.add(target);
          }
          case "inner" -> {
            removed.addAll(target.children());
            target.empty();
            target.appendChildren(nodes);
          }
          case "prepend" -> target.prependChildren(nodes);
          case "append" -> target.appendChildren(nodes);
          case "before" -> {
            for (Node n : nodes) {
              target.before(n);
            }
          }
          case "after" -> {
            for (int i = nodes.size() - 1; i >= 0; i--) {
              target.after(nodes.get(i));
            }
          }
          default -> throw new IllegalStateException(m);
        }
        inserted.addAll(els);
      }
    }
    List<RecordedScript> scripts = new ArrayList<>();
    for (Element el : inserted) {
      for (Element script : el.select("script")) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Attribute a : script.attributes()) {
          attrs.put(a.getKey(), a.getValue());
        }
        scripts.add(new RecordedScript(script.data(), attrs));
        if ("el.remove()".equals(script.attr("data-effect").trim())) {
          script.remove();
        }
      }
    }
    return new Result(List.copyOf(inserted), List.copyOf(removed), List.copyOf(scripts), List.copyOf(warnings));
  }

  private static void replaceContent(Element target, Element from) {
    target.clearAttributes();
    for (Attribute a : from.attributes()) {
      target.attr(a.getKey(), a.getValue());
    }
    target.empty();
    target.appendChildren(new ArrayList<>(from.childNodes()));
  }

  /** Parses elements as the runtime does: in a {@code <template>} (so table rows survive), or as a document when they contain {@code </html>}, {@code </head>} or {@code </body>}. */
  private static List<Node> fragment(Document doc, String html, String ns) {
    String probe = SVG.matcher(html).replaceAll("").toLowerCase(Locale.ROOT);
    boolean hasHtml = probe.contains("</html>");
    boolean hasHead = probe.contains("</head>");
    boolean hasBody = probe.contains("</body>");
    if (hasHtml || hasHead || hasBody) {
      Document parsed = Parser.parse(html, doc.location());
      List<Node> out = new ArrayList<>();
      if (hasHtml) {
        out.add(parsed.selectFirst("html"));
      } else {
        if (hasHead) {
          out.add(parsed.head());
        }
        if (hasBody) {
          out.add(parsed.body());
        }
      }
      out.forEach(Node::remove);
      return out;
    }
    Element context = new Element("template");
    if (ns.equals("svg") || ns.equals("mathml")) {
      String tag = ns.equals("svg") ? "svg" : "math";
      List<Node> wrapped = Parser.parseFragment("<" + tag + ">" + html + "</" + tag + ">", context, doc.location());
      for (Node n : wrapped) {
        if (n instanceof Element e && e.normalName().equals(tag)) {
          List<Node> kids = new ArrayList<>(e.childNodes());
          kids.forEach(Node::remove);
          return kids;
        }
      }
      return List.of();
    }
    List<Node> nodes = new ArrayList<>(Parser.parseFragment(html, context, doc.location()));
    nodes.forEach(Node::remove);
    return nodes;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 120 ? one.substring(0, 117) + "..." : one;
  }

  /**
   * Applies a signals patch (RFC 7386 JSON Merge Patch, as the runtime does): objects merge,
   * {@code null} deletes, anything else replaces. With {@code onlyIfMissing}, existing values
   * are kept and {@code null} deletes nothing.
   */
  public static void mergePatch(JsonObject target, JsonObject patch, boolean onlyIfMissing) {
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (value instanceof JsonObject p) {
        Object current = target.getValue(key);
        JsonObject into;
        if (current instanceof JsonObject c) {
          into = c;
        } else {
          into = new JsonObject();
          target.put(key, into);
        }
        mergePatch(into, p, onlyIfMissing);
      } else if (value == null) {
        if (!onlyIfMissing) {
          target.remove(key);
        }
      } else if (!onlyIfMissing || !target.containsKey(key)) {
        target.put(key, value instanceof io.vertx.core.json.JsonArray a ? a.copy() : value);
      }
    }
  }
}
