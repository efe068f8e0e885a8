package dev.honostar.examples.issues.routes.issues;

import dev.honostar.examples.issues.IssueCommands;

/** {@code POST /issues/dialog}: opens the new-issue dialog. */
public final class DialogCommand extends IssueCommands.Dialog {
}
