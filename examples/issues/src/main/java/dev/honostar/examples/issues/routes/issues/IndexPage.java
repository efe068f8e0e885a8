package dev.honostar.examples.issues.routes.issues;

import dev.honostar.examples.issues.IssuePages;
import dev.honostar.examples.issues.Store;
import dev.honostar.routing.Template;

/** {@code GET /issues}: the filtered issue list, live. */
@Template("issues/index")
public final class IndexPage extends IssuePages.ListPage {

  public IndexPage(Store store) {
    super(store);
  }
}
