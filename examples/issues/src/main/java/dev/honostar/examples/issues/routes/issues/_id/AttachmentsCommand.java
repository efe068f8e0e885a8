package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.examples.issues.Attachments;
import dev.honostar.examples.issues.Store;

/** {@code POST /issues/:id/attachments}: attaches a file (multipart, streamed to disk). */
public final class AttachmentsCommand extends Attachments.Attach {

  public AttachmentsCommand(Store store, Attachments attachments) {
    super(store, attachments);
  }
}
