package dev.honostar.examples.issues.routes.activity;

import dev.honostar.examples.issues.ActivityFeed;
import dev.honostar.examples.issues.Store;

/** {@code GET /activity}: the activity feed, live, with "load more". */
public final class IndexPage extends ActivityFeed.FeedPage {

  public IndexPage(Store store) {
    super(store);
  }
}
