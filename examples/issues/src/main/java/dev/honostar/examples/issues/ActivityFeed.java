package dev.honostar.examples.issues;

import dev.honostar.bus.Topic;
import dev.honostar.command.Command;
import dev.honostar.command.Effect;
import dev.honostar.command.Handlers;
import dev.honostar.command.ValidationException;
import dev.honostar.examples.issues.Model.Activity;
import dev.honostar.examples.issues.Model.ActivityView;
import dev.honostar.examples.issues.routes.Routes;
import dev.honostar.page.BlockingPage;
import dev.honostar.page.HaltException;
import dev.honostar.page.Head;
import dev.honostar.page.PageContext;
import dev.honostar.page.Queries;
import dev.honostar.page.Region;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The activity feed: "Alice opened #12", "Bob commented on #3", newest first. The newest
 * {@link #WINDOW} entries are a live keyed list ({@code #activity-feed}): a new entry reaches
 * every tab as one item, and the oldest leaves. "Load more" appends older pages to the
 * asking tab only ({@code #activity-older}, the region's overflow container): entries that leave
 * the live window move there in that tab, so it shows one unbroken feed.
 */
public final class ActivityFeed {

  /** Entries in the live window, the most a tab keeps of it. */
  public static final int WINDOW = 20;
  /** Entries per "load more". */
  public static final int PAGE = 20;
  /** The container of the pages a tab loaded (outside the live region, after it). */
  static final String OLDER = "activity-older";
  /** The signal with the oldest entry a tab loaded ({@code 0}: none, start after the live window). */
  static final String CURSOR = "activityBefore";

  private ActivityFeed() {
  }

  /**
   * {@code /activity}, live on the {@code issues} topic, on which every change the feed records
   * (opened, commented, closed, reopened) is published. {@code ?before=<id>} also shows the page
   * older than that entry: "load more" without JavaScript.
   */
  public static class FeedPage implements BlockingPage<ActivityView> {
    private final Store store;

    public FeedPage(Store store) {
      this.store = store;
    }

    @Override
    public ActivityView loadBlocking(PageContext ctx) throws Exception {
      List<Activity> entries = store.activity(0, WINDOW);
      long before;
      try {
        before = cursor(ctx.queryParam("before"));
      } catch (ValidationException e) {
        throw HaltException.status(400, "Not an entry of the feed");
      }
      List<Activity> older = before > 0 ? store.activityBefore(before, PAGE) : List.of();
      List<Activity> shown = older.isEmpty() ? entries : older;
      long oldest = shown.isEmpty() ? 0 : shown.get(shown.size() - 1).id();
      // The tab's cursor starts at what it shows of the older pages (none: after the live window).
      return new ActivityView(entries, older, oldest, older.isEmpty() ? 0 : oldest);
    }

    @Override
    public void head(Head head, ActivityView model) {
      head.title("Activity").meta("description", "What everyone did, live.");
    }

    @Override
    public Set<Topic> topics(PageContext ctx, ActivityView model) {
      return Set.of(Topics.issues());
    }

    @Override
    public void queries(Queries q) {
      q.on(Topics.issues(), qc -> qc.blocking(() -> new ActivityView(store.activity(0, WINDOW), List.of(), 0, 0)),
        Region.keyedList("activity/feed").limit(WINDOW).overflow(OLDER));
    }
  }

  /**
   * {@code POST /activity/more}: the next older page, appended to this tab's
   * {@code #activity-older}, and the tab's cursor moved to its last entry. The first page of a
   * tab starts after the live window as it is now (not as it was when the page loaded: entries
   * that left the window since were not kept by a tab that had loaded nothing).
   */
  public static class More implements Command {
    private final Store store;

    public More(Store store) {
      this.store = store;
    }

    @Override
    public void handlers(Handlers on) {
      on.postBlocking(ctx -> {
        long before = cursor(ctx.signals().getValue(CURSOR));
        if (!ctx.isDatastarRequest()) {
          ctx.redirect(Routes.activity().href() + (before > 0 ? "?before=" + before : ""));
          return;
        }
        List<Activity> page = before > 0 ? store.activityBefore(before, PAGE) : store.activity(WINDOW, PAGE);
        if (!page.isEmpty()) {
          ctx.reply(Effect.append("#" + OLDER, "activity/entries", Map.of("entries", page)),
            Effect.signals(Map.of(CURSOR, page.get(page.size() - 1).id())));
        }
        if (page.size() < PAGE) {
          ctx.reply(Effect.region("activity/more", new ActivityView(List.of(), List.of(), 0, 0)));
        }
      });
    }
  }

  /** @return the entry id a cursor names, {@code 0} for none; anything but a whole number is refused */
  static long cursor(Object value) {
    if (value == null || "".equals(value)) {
      return 0;
    }
    try {
      long id = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.parseLong(value.toString().strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ValidationException(Map.of(CURSOR, "Not an entry of the feed"));
  }
}
