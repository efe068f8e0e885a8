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
 * as they are, not re-serialised. The next render is parsed only where it differs from this
 * one ({@link #next}): the items before the first changed character and after the last are
 * this render's, shifted, so a new row in a 1,000-row list costs a parse of one row.
 */
final class KeyedList {

  /** Ids usable in a CSS selector without escaping. */
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  /** How far past the previous item an old item is looked for before it counts as changed. */
  private static final int LOOKAHEAD = 16 * 1024;
  private static final Pattern FIRST_TAG = Pattern.compile("^\\s*<([A-Za-z][A-Za-z0-9-]*)");

  private final String html;
  private final String rootId;
  private final String rootName;
  private final String rootTag;
  /** Where the root's content starts (after its start tag) and ends (at its end tag). */
  private final int contentStart;
  private final int contentEnd;
  private final List<String> ids;
  private final Map<String, String> items;
  /** Each item's extent in {@link #html}, in the order of {@link #ids}. */
  private final int[] starts;
  private final int[] ends;

  private KeyedList(String html, String rootId, String rootName, String rootTag, int contentStart, int contentEnd,
                    List<String> ids, Map<String, String> items, int[] starts, int[] ends) {
    this.html = html;
    this.rootId = rootId;
    this.rootName = rootName;
    this.rootTag = rootTag;
    this.contentStart = contentStart;
    this.contentEnd = contentEnd;
    this.ids = ids;
    this.items = items;
    this.starts = starts;
    this.ends = ends;
  }

  /** Why a render is not a keyed list; the region is then sent whole. */
  static final class NotKeyedException extends Exception {
    NotKeyedException(String message) {
      super(message, null, false, false);
    }
  }

  /** Items found in (part of) a render, with their extents. */
  private static final class Found {
    final List<String> ids = new ArrayList<>();
    final List<String> markup = new ArrayList<>();
    final List<int[]> extents = new ArrayList<>();
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
    List<Node> nodes = parser().parseFragmentInput(html, new Element(contextOf(first.group(1))), "");
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
    Range start = root.sourceRange();
    Range end = root.endSourceRange();
    if (!start.isTracked() || !end.isTracked()) {
      throw new NotKeyedException("the region's root has no end tag");
    }
    Found found = new Found();
    collect(root.childNodes(), html, 0, found);
    return build(html, root.id(), root.tagName(), html.substring(start.startPos(), start.endPos()), start.endPos(), end.startPos(), found);
  }

  /**
   * @param next the next render of the same region
   * @return {@code next} as a keyed list, parsed only between the first and the last character
   *     in which it differs from this render (or whole, when the root itself changed)
   * @throws NotKeyedException when {@code next} does not have the shape of a keyed list
   */
  KeyedList next(String next) throws NotKeyedException {
    if (html.equals(next)) {
      return this;
    }
    int max = Math.min(html.length(), next.length());
    int p = 0;
    while (p < max && html.charAt(p) == next.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < max - p && html.charAt(html.length() - 1 - s) == next.charAt(next.length() - 1 - s)) {
      s++;
    }
    int changeEnd = html.length() - s;
    if (p < contentStart || changeEnd > contentEnd) {
      return parse(next);
    }
    // Items wholly before the change, or wholly after it, are this render's.
    int n = ids.size();
    int first = 0;
    while (first < n && ends[first] <= p) {
      first++;
    }
    int last = n - 1;
    while (last >= first && starts[last] >= changeEnd) {
      last--;
    }
    int shift = next.length() - html.length();
    int from = first == 0 ? contentStart : ends[first - 1];
    int to = (last + 1 < n ? starts[last + 1] : contentEnd) + shift;
    if (to < from) {
      return parse(next);
    }
    try {
      Found found = new Found();
      for (int i = 0; i < first; i++) {
        found.ids.add(ids.get(i));
        found.markup.add(items.get(ids.get(i)));
        found.extents.add(new int[] {starts[i], ends[i]});
      }
      // Within the changed span, the old items that are still there, unchanged, are found by their
      // markup; only the gaps between them are parsed (a new first item and a dropped last one are
      // two small gaps, not the whole list). A gap must parse into whole items, or all is parsed.
      int cursor = from;
      for (int k = first; k <= last; k++) {
        String markup = items.get(ids.get(k));
        int at = find(next, markup, cursor, to);
        if (at < 0) {
          continue;
        }
        gap(next, cursor, at, found);
        found.ids.add(ids.get(k));
        found.markup.add(markup);
        found.extents.add(new int[] {at, at + markup.length()});
        cursor = at + markup.length();
      }
      gap(next, cursor, to, found);
      for (int i = last + 1; i < n; i++) {
        found.ids.add(ids.get(i));
        found.markup.add(items.get(ids.get(i)));
        found.extents.add(new int[] {starts[i] + shift, ends[i] + shift});
      }
      return build(next, rootId, rootName, rootTag, contentStart, contentEnd + shift, found);
    } catch (NotKeyedException e) {
      // Cutting the render by the old items did not give whole items: parse it all, which decides.
      return parse(next);
    }
  }

  /**
   * @return where {@code markup} starts in {@code next[from, to)} within {@link #LOOKAHEAD}
   *     characters of {@code from} (new items between two old ones are that short), or -1: a
   *     changed or removed item then costs a bounded search, not a scan of the rest
   */
  private static int find(String next, String markup, int from, int to) {
    int at = from;
    while (at < to && Character.isWhitespace(next.charAt(at))) {
      at++;
    }
    if (next.startsWith(markup, at) && at + markup.length() <= to) {
      return at;
    }
    int end = Math.min(to, from + LOOKAHEAD + markup.length());
    if (end - from < markup.length()) {
      return -1;
    }
    int found = next.substring(from, end).indexOf(markup);
    return found < 0 ? -1 : from + found;
  }

  /** Adds the items of {@code next[from, to)}, which must hold whole items only. */
  private void gap(String next, int from, int to, Found found) throws NotKeyedException {
    if (from >= to) {
      return;
    }
    String part = next.substring(from, to);
    if (part.isBlank()) {
      return;
    }
    collect(parser().parseFragmentInput(part, new Element(rootName), ""), part, from, found);
  }

  private static Parser parser() {
    return Parser.htmlParser().setTrackPosition(true);
  }

  /** Adds the items among {@code nodes} (parsed from {@code html}, which starts at {@code offset} of the render). */
  private static void collect(List<Node> nodes, String html, int offset, Found found) throws NotKeyedException {
    for (Node child : nodes) {
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
        int[] extent = extent(e);
        found.ids.add(id);
        found.markup.add(html.substring(extent[0], extent[1]));
        found.extents.add(new int[] {offset + extent[0], offset + extent[1]});
      } else if (!(child instanceof Comment)) {
        throw new NotKeyedException("unexpected content between items");
      }
    }
  }

  private static KeyedList build(String html, String rootId, String rootName, String rootTag, int contentStart, int contentEnd,
                                 Found found) throws NotKeyedException {
    int n = found.ids.size();
    Map<String, String> items = new HashMap<>(n * 2);
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      if (items.put(found.ids.get(i), found.markup.get(i)) != null) {
        throw new NotKeyedException("two items have the id '" + found.ids.get(i) + "'");
      }
      starts[i] = found.extents.get(i)[0];
      ends[i] = found.extents.get(i)[1];
    }
    return new KeyedList(html, rootId, rootName, rootTag, contentStart, contentEnd, List.copyOf(found.ids), items, starts, ends);
  }

  /**
   * @return the patches that turn this render into {@code next} in a tab that shows this one
   *     (removals, then changed items morphed by id, then insertions after their predecessor;
   *     empty when nothing changed), or {@code null} when only the whole region will do: the
   *     root changed or items that stay changed order
   */
  List<PatchElements> diff(KeyedList next) {
    return diff(next, null);
  }

  /**
   * As {@link #diff(KeyedList)}; with an {@code overflow} container (see
   * {@link dev.honostar.page.Region#overflow}), the items that leave at the end of the list (after
   * the last item that stays) move to the top of the container, and the new items are taken out
   * of it, in tabs where it holds items ({@link #overflowPatches}).
   */
  List<PatchElements> diff(KeyedList next, String overflow) {
    if (!rootId.equals(next.rootId) || !rootTag.equals(next.rootTag)) {
      return null;
    }
    List<String> kept = new ArrayList<>(ids.size());
    StringBuilder removed = new StringBuilder();
    int lastKept = -1;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (next.items.containsKey(id)) {
        kept.add(id);
        lastKept = i;
      } else {
        removed.append(removed.length() == 0 ? "" : ",").append('#').append(id);
      }
    }
    List<PatchElements> out = new ArrayList<>();
    if (removed.length() > 0) {
      out.add(PatchElements.remove(removed.toString()));
    }
    if (overflow != null) {
      StringBuilder leaving = new StringBuilder();
      for (int i = lastKept + 1; i < ids.size(); i++) {
        leaving.append(items.get(ids.get(i))).append('\n');
      }
      List<String> entering = new ArrayList<>();
      for (String id : next.ids) {
        if (!items.containsKey(id)) {
          entering.add(id);
        }
      }
      if (leaving.length() > 0 || !entering.isEmpty()) {
        out.addAll(overflowPatches(overflow, leaving.toString(), entering));
      }
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

  /** The marker {@link #overflowPatches} puts into an overflow container, and takes out again. */
  static final String MARK = "<template data-hs-mark></template>";

  /**
   * The patches that keep an overflow container (items a tab loaded itself, outside the region)
   * in step with the region, with the same bytes for every tab: {@code leaving} (items that left
   * the window at its end) and a marker go first into the container; then one removal takes out
   * the marker, every item of the container when the marker is its last child (the tab had loaded
   * nothing, so it keeps nothing), and the items of the container that are now in the window
   * ({@code entering}). The marker makes the removal match in every tab, which Datastar requires
   * (it warns of a selector that matches nothing).
   */
  static List<PatchElements> overflowPatches(String overflow, String leaving, List<String> entering) {
    String box = "#" + overflow;
    StringBuilder remove = new StringBuilder(box).append(":has(> [data-hs-mark]:last-child) > *, ")
      .append(box).append(" > [data-hs-mark]");
    for (String id : entering) {
      remove.append(", ").append(box).append(" > #").append(id);
    }
    return List.of(PatchElements.of(leaving + MARK).selector(box).mode(PatchMode.PREPEND),
      PatchElements.remove(remove.toString()));
  }

  /** @return the ids of the items, in order */
  List<String> ids() {
    return ids;
  }

  /** @return the render */
  String html() {
    return html;
  }

  /**
   * @param max the most items to keep ({@link dev.honostar.page.Region#limit}), {@code 0} for all
   * @return this list cut to its first {@code max} items (this list when it has no more)
   */
  KeyedList limit(int max) {
    int n = ids.size();
    if (max <= 0 || n <= max) {
      return this;
    }
    int cut = ends[max - 1];
    String cutHtml = html.substring(0, cut) + html.substring(contentEnd);
    Map<String, String> kept = new HashMap<>(max * 2);
    for (int i = 0; i < max; i++) {
      kept.put(ids.get(i), items.get(ids.get(i)));
    }
    return new KeyedList(cutHtml, rootId, rootName, rootTag, contentStart, cut, ids.subList(0, max), kept,
      java.util.Arrays.copyOf(starts, max), java.util.Arrays.copyOf(ends, max));
  }

  /** @return the number of items */
  int size() {
    return ids.size();
  }

  /** @return where {@code e} starts and ends in the string it was parsed from */
  private static int[] extent(Element e) throws NotKeyedException {
    Range start = e.sourceRange();
    Range end = e.endSourceRange();
    if (!start.isTracked()) {
      throw new NotKeyedException("the parser could not place <" + e.tagName() + ">");
    }
    if (end.isTracked()) {
      return new int[] {start.startPos(), end.endPos()};
    }
    if (e.childNodeSize() > 0 || !e.tag().isEmpty()) {
      // An end tag the template left out (or a cut through an item): the extent would be the
      // parser's guess; send whole.
      throw new NotKeyedException("<" + e.tagName() + " id=\"" + e.id() + "\"> has no end tag");
    }
    return new int[] {start.startPos(), start.endPos()};
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
