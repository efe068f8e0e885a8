package dev.honostar.examples.issues.routes.issues;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues}: files an issue (inline form, the dialog, or the new-issue page). */
public final class IndexCommand extends IssueCommands.Create {

  public IndexCommand(Store store) {
    super(store);
  }
}
