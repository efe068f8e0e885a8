package dev.honostar.live.impl;

import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One render of a {@link dev.honostar.page.Region#keyedList keyed-list region}: its root's start
 * tag and its items, each the exact markup the template produced for it, by id. Two renders
 * give the patches that turn the first into the second ({@link #diff}).
 *
 * <p>jsoup parses the region with source positions, so items are cut from the rendered string
 * as they are, not re-serialised.
 */
final class KeyedList {

  /** Ids usable in a CSS selector without escaping. */
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern FIRST_TAG = Pattern.compile("^\\s*<([A-Za-z][A-Za-z0-9-]*)");

  private final String html;
  private final String rootId;
  private final String rootTag;
  private final List<String> ids;
  private final Map<String, String> items;

  private KeyedList(String html, String rootId, String rootTag, List<String> ids, Map<String, String> items) {
    this.html = html;
    this.rootId = rootId;
    this.rootTag = rootTag;
    this.ids = ids;
    this.items = items;
  }

  /** Why a render is not a keyed list; the region is then sent whole. */
  static final class NotKeyedException extends Exception {
    NotKeyedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param html one render of the region
   * @throws NotKeyedException when the render does not have the shape of a keyed list
   */
  static KeyedList parse(String html) throws NotKeyedException {
    Matcher first = FIRST_TAG.matcher(html);
    if (!first.find()) {
      throw new NotKeyedException("the region does not start with an element");
    }
    // Parse in the context its root lives in, so that e.g. a <tbody> root keeps its rows.
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    List<Node> nodes = parser.parseFragmentInput(html, new Element(contextOf(first.group(1))), "");
    Element root = null;
    for (Node n : nodes) {
      if (n instanceof Element e) {
        if (root != null) {
          throw new NotKeyedException("the region has more than one root element");
        }
        root = e;
      }
    }
    if (root == null || !PLAIN_ID.matcher(root.id()).matches()) {
      throw new NotKeyedException("the region's root has no plain id");
    }
    List<String> ids = new ArrayList<>();
    Map<String, String> items = new HashMap<>();
    for (Node child : root.childNodes()) {
      if (child instanceof TextNode t) {
        if (!t.isBlank()) {
          throw new NotKeyedException("text between items: '" + abbreviate(t.text()) + "'");
        }
      } else if (child instanceof Element e) {
        String id = e.id();
        if (!PLAIN_ID.matcher(id).matches()) {
          throw new NotKeyedException("item <" + e.tagName() + "> has no id made of letters, digits, '-' and '_'"
            + (id.isEmpty() ? "" : " (id '" + abbreviate(id) + "')"));
        }
        if (items.put(id, slice(html, e)) != null) {
          throw new NotKeyedException("two items have the id '" + id + "'");
        }
        ids.add(id);
      } else if (!(child instanceof Comment)) {
        throw new NotKeyedException("unexpected content between items");
      }
    }
    return new KeyedList(html, root.id(), slice(html, root.sourceRange()), List.copyOf(ids), items);
  }

  /**
   * @return the patches that turn this render into {@code next} in a tab that shows this one
   *     (removals, then changed items morphed by id, then insertions after their predecessor;
   *     empty when nothing changed), or {@code null} when only the whole region will do: the
   *     root changed or items that stay changed order
   */
  List<PatchElements> diff(KeyedList next) {
    if (!rootId.equals(next.rootId) || !rootTag.equals(next.rootTag)) {
      return null;
    }
    List<String> kept = new ArrayList<>(ids.size());
    StringBuilder removed = new StringBuilder();
    for (String id : ids) {
      if (next.items.containsKey(id)) {
        kept.add(id);
      } else {
        removed.append(removed.length() == 0 ? "" : ",").append('#').append(id);
      }
    }
    List<PatchElements> out = new ArrayList<>();
    if (removed.length() > 0) {
      out.add(PatchElements.remove(removed.toString()));
    }
    StringBuilder changed = new StringBuilder();
    int k = 0;
    for (String id : next.ids) {
      String before = items.get(id);
      if (before == null) {
        continue;
      }
      if (!kept.get(k++).equals(id)) {
        return null;
      }
      String after = next.items.get(id);
      if (!before.equals(after)) {
        changed.append(after).append('\n');
      }
    }
    if (changed.length() > 0) {
      out.add(PatchElements.of(changed.toString().strip()));
    }
    // Each run of new items goes after the item before it, or first into the root.
    Set<String> known = new HashSet<>(kept);
    int i = 0;
    while (i < next.ids.size()) {
      if (known.contains(next.ids.get(i))) {
        i++;
        continue;
      }
      String anchor = i == 0 ? null : next.ids.get(i - 1);
      StringBuilder run = new StringBuilder();
      while (i < next.ids.size() && !known.contains(next.ids.get(i))) {
        run.append(next.items.get(next.ids.get(i))).append('\n');
        i++;
      }
      PatchElements insert = PatchElements.of(run.toString().strip());
      out.add(anchor == null ? insert.selector("#" + rootId).mode(PatchMode.PREPEND) : insert.selector("#" + anchor).mode(PatchMode.AFTER));
    }
    return out;
  }

  /** @return whether {@code other} is the very render this one was parsed from (then nothing changed) */
  boolean isRenderOf(String other) {
    return html.equals(other);
  }

  /** @return the number of items */
  int size() {
    return ids.size();
  }

  private static String slice(String html, Element e) throws NotKeyedException {
    Range start = e.sourceRange();
    Range end = e.endSourceRange();
    if (!start.isTracked()) {
      throw new NotKeyedException("the parser could not place <" + e.tagName() + ">");
    }
    if (end.isTracked()) {
      return html.substring(start.startPos(), end.endPos());
    }
    if (e.childNodeSize() > 0) {
      // An end tag the template left out: the item's extent is the parser's guess; send whole.
      throw new NotKeyedException("<" + e.tagName() + " id=\"" + e.id() + "\"> has no end tag");
    }
    return html.substring(start.startPos(), start.endPos());
  }

  private static String slice(String html, Range range) throws NotKeyedException {
    if (!range.isTracked()) {
      throw new NotKeyedException("the parser could not place the region's root");
    }
    return html.substring(range.startPos(), range.endPos());
  }

  private static String contextOf(String rootTag) {
    return switch (rootTag.toLowerCase(java.util.Locale.ROOT)) {
      case "tbody", "thead", "tfoot", "caption", "colgroup" -> "table";
      case "tr" -> "tbody";
      case "td", "th" -> "tr";
      case "option", "optgroup" -> "select";
      case "li" -> "ul";
      default -> "body";
    };
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }
}
