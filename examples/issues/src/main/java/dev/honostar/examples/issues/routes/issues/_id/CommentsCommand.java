package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.examples.issues.IssueCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id/comments}: adds a comment. */
public final class CommentsCommand extends IssueCommands.Comment {

  public CommentsCommand(Store store) {
    super(store);
  }
}
