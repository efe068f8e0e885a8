package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.HonoStar;
import dev.honostar.examples.issues.IssuePages;
import dev.honostar.examples.issues.Store;
import dev.honostar.routing.Template;

/** {@code GET /issues/:id}: one issue with its comments, labels and who's here, live. */
@Template("issues/show")
public final class IndexPage extends IssuePages.DetailPage {

  public IndexPage(Store store, HonoStar honostar) {
    super(store, honostar);
  }
}
