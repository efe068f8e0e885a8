package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id}: edits the title and body. */
public final class IndexCommand extends IssueCommands.Edit {

  public IndexCommand(Store store) {
    super(store);
  }
}
