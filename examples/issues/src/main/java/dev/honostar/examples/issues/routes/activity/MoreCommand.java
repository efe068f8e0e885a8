package dev.honostar.examples.issues.routes.activity;

import dev.honostar.examples.issues.ActivityFeed;
import dev.honostar.examples.issues.Store;

/** {@code POST /activity/more}: the next older page of the feed, for the asking tab only. */
public final class MoreCommand extends ActivityFeed.More {

  public MoreCommand(Store store) {
    super(store);
  }
}
