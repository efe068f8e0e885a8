package dev.honostar.live.impl;

import dev.honostar.protocol.PatchElements;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two renders of a keyed list give the patches a tab needs, or none that can be trusted. */
class KeyedListTest {

  private static String list(String... items) {
    StringBuilder sb = new StringBuilder("<ol id=\"log\" class=\"log\">\n");
    for (String item : items) {
      sb.append("  <li id=\"e-").append(item).append("\">entry <b>").append(item).append("</b></li>\n");
    }
    return sb.append("</ol>").toString();
  }

  private static List<String> diff(String before, String after) throws Exception {
    return text(KeyedList.parse(before).diff(KeyedList.parse(after)));
  }

  private static List<String> text(List<PatchElements> patches) {
    return patches == null ? null : patches.stream().map(PatchElements::toString).toList();
  }

  @Test
  void aNewLastItemGoesAfterItsPredecessorAsTheTemplateWroteIt() throws Exception {
    List<String> d = diff(list("1", "2"), list("1", "2", "3"));
    assertThat(d).hasSize(1);
    assertThat(d.get(0)).contains("data: selector #e-2", "data: mode after", "data: elements <li id=\"e-3\">entry <b>3</b></li>")
      .doesNotContain("e-1\"");
  }

  @Test
  void aNewFirstItemIsPutFirstIntoTheRoot() throws Exception {
    List<String> d = diff(list("2", "3"), list("1", "2", "3"));
    assertThat(d).singleElement().asString().contains("data: selector #log", "data: mode prepend", "id=\"e-1\"");
  }

  @Test
  void removedItemsGoInOnePatchAndChangedOnesAreMorphedById() throws Exception {
    String after = list("1", "3").replace("entry <b>3</b>", "entry <b>three</b>");
    List<String> d = diff(list("1", "2", "3"), after);
    assertThat(d).hasSize(2);
    assertThat(d.get(0)).contains("data: selector #e-2", "data: mode remove");
    assertThat(d.get(1)).contains("data: elements <li id=\"e-3\">entry <b>three</b></li>").doesNotContain("mode").doesNotContain("e-1");
  }

  @Test
  void runsOfNewItemsTravelTogether() throws Exception {
    List<String> d = diff(list("1", "4"), list("0", "1", "2", "3", "4", "5"));
    assertThat(d).hasSize(3);
    assertThat(d.get(0)).contains("mode prepend", "e-0");
    assertThat(d.get(1)).contains("selector #e-1", "mode after", "e-2", "e-3");
    assertThat(d.get(2)).contains("selector #e-4", "mode after", "e-5");
  }

  @Test
  void nothingChangedIsNoPatch() throws Exception {
    assertThat(diff(list("1", "2"), list("1", "2"))).isEmpty();
  }

  @Test
  void aChangedRootOrAChangedOrderNeedsTheWholeRegion() throws Exception {
    assertThat(diff(list("1", "2"), list("2", "1"))).isNull();
    assertThat(diff(list("1", "2"), list("1", "2").replace("class=\"log\"", "class=\"log log--busy\""))).isNull();
  }

  @Test
  void tableRowsAreItemsOfTheirBody() throws Exception {
    String before = "<tbody id=\"rows\"><tr id=\"r1\"><td>a</td></tr></tbody>";
    String after = "<tbody id=\"rows\"><tr id=\"r1\"><td>a</td></tr><tr id=\"r2\"><td>b</td></tr></tbody>";
    assertThat(diff(before, after)).singleElement().asString().contains("selector #r1", "mode after", "<tr id=\"r2\"><td>b</td></tr>");
  }

  @Test
  void aRegionThatIsNotAKeyedListSaysWhy() {
    assertThatThrownBy(() -> KeyedList.parse("<ul id=\"x\"><li>no id</li></ul>")).hasMessageContaining("<li> has no id");
    assertThatThrownBy(() -> KeyedList.parse("<ul id=\"x\"><li id=\"a\">a</li><li id=\"a\">b</li></ul>")).hasMessageContaining("two items have the id 'a'");
    assertThatThrownBy(() -> KeyedList.parse("<div id=\"x\">Total: <p id=\"a\">1</p></div>")).hasMessageContaining("text between items");
    assertThatThrownBy(() -> KeyedList.parse("<ul id=\"x\"><li id=\"a b\">a</li></ul>")).hasMessageContaining("id 'a b'");
    assertThatThrownBy(() -> KeyedList.parse("<ul><li id=\"a\">a</li></ul>")).hasMessageContaining("root has no plain id");
  }

  @Test
  void parsingOnlyWhatChangedFindsWhatAWholeParseFinds() throws Exception {
    java.util.Random random = new java.util.Random(42);
    List<String> items = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(String.valueOf(i));
    }
    int nextId = 30;
    KeyedList previous = KeyedList.parse(list(items.toArray(String[]::new)));
    for (int round = 0; round < 300; round++) {
      // One or two random edits a round: insert, remove, change (as a new suffix on the same id), or none.
      for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
        int at = items.isEmpty() ? 0 : random.nextInt(items.size());
        switch (random.nextInt(4)) {
          case 0 -> items.add(random.nextInt(items.size() + 1), String.valueOf(nextId++));
          case 1 -> {
            if (!items.isEmpty()) {
              items.remove(at);
            }
          }
          case 2 -> {
            if (!items.isEmpty()) {
              items.set(at, items.get(at).split("x")[0] + "x" + random.nextInt(1000));
            }
          }
          default -> { }
        }
      }
      String html = list(items.toArray(String[]::new)).replaceAll("id=\"e-(\\d+)x\\d+\"", "id=\"e-$1\"");
      KeyedList incremental = previous.next(html);
      KeyedList whole = KeyedList.parse(html);
      assertThat(text(previous.diff(incremental))).as("round %d", round).isEqualTo(text(previous.diff(whole)));
      assertThat(whole.diff(incremental)).as("round %d: the two parses agree", round).isEmpty();
      previous = incremental;
    }
  }

  @Test
  void aLimitKeepsTheFirstItemsAndWhatItPushesOutIsRemoved() throws Exception {
    KeyedList window = KeyedList.parse(list("3", "2", "1")).limit(2);
    assertThat(window.ids()).containsExactly("e-3", "e-2");
    assertThat(window.html()).contains("<ol id=\"log\" class=\"log\">", "e-3", "e-2", "</ol>").doesNotContain("e-1");
    assertThat(KeyedList.parse(window.html()).ids()).as("the cut is a keyed list itself").containsExactly("e-3", "e-2");

    KeyedList next = KeyedList.parse(list("4", "3", "2", "1")).limit(2);
    List<String> d = text(window.diff(next));
    assertThat(d).hasSize(2);
    assertThat(d.get(0)).contains("data: selector #e-2", "data: mode remove");
    assertThat(d.get(1)).contains("data: selector #log", "data: mode prepend", "e-4").doesNotContain("e-2\"");
    assertThat(KeyedList.parse(list("1")).limit(5).ids()).containsExactly("e-1");
  }

  @Test
  void withAnOverflowContainerItemsLeavingAtTheEndMoveIntoItAndItemsComingBackLeaveIt() throws Exception {
    // 4 is new at the top, 2 leaves at the end: it moves to the top of #older (where the tab loaded items).
    List<String> d = text(KeyedList.parse(list("3", "2")).diff(KeyedList.parse(list("4", "3")), "older"));
    assertThat(d).hasSize(4);
    assertThat(d.get(0)).contains("data: selector #e-2", "data: mode remove");
    assertThat(d.get(1)).contains("data: selector #older", "data: mode prepend",
      "data: elements <li id=\"e-2\">entry <b>2</b></li>", KeyedList.MARK);
    assertThat(d.get(2)).contains("data: mode remove",
      "#older:has(> [data-hs-mark]:last-child) > *, #older > [data-hs-mark], #older > #e-4");
    assertThat(d.get(3)).contains("mode prepend", "e-4");

    // Nothing new and nothing leaving: the container is not touched.
    String changed = list("4", "3").replace("entry <b>3</b>", "entry <b>three</b>");
    assertThat(text(KeyedList.parse(list("4", "3")).diff(KeyedList.parse(changed), "older"))).singleElement().asString()
      .doesNotContain("older");
  }
}
