package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id/labels}: attaches a label. */
public final class LabelsCommand extends IssueCommands.Labels {

  public LabelsCommand(Store store) {
    super(store, true);
  }
}
