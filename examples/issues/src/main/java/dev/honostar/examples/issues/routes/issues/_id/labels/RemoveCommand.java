package dev.honostar.examples.issues.routes.issues._id.labels;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id/labels/remove}: detaches a label. */
public final class RemoveCommand extends IssueCommands.Labels {

  public RemoveCommand(Store store) {
    super(store, false);
  }
}
