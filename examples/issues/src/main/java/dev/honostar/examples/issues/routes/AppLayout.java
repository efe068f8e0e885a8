package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.IssuesApp;
import dev.honostar.routing.Template;

/** The navigation bar around every page. */
@Template("layouts/app")
public final class AppLayout extends IssuesApp.AppLayout {
}
