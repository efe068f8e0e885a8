/**
 * The issue tracker's routes: each class's URL is where it lives (docs/routing.md), e.g.
 * {@code issues._id.IndexPage} is {@code GET /issues/:id}. The behaviour is in
 * {@code IssuePages}, {@code IssueCommands}, {@code OtherPages} and {@code AccountCommands};
 * these classes place it.
 */
@RouteRoot
package dev.honostar.examples.issues.routes;

import dev.honostar.routing.RouteRoot;
