package dev.honostar.examples.issues.routes.issues;

import dev.honostar.examples.issues.IssuePages;
import dev.honostar.routing.Template;

/** {@code GET /issues/new}: the new-issue page. */
@Template("issues/new")
public final class NewPage extends IssuePages.NewPage {
}
