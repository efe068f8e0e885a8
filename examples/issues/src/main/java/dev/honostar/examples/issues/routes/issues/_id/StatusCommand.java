package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id/status}: closes or reopens. */
public final class StatusCommand extends IssueCommands.Status {

  public StatusCommand(Store store) {
    super(store);
  }
}
