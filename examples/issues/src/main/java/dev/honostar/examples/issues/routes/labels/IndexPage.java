package dev.honostar.examples.issues.routes.labels;

import dev.honostar.examples.issues.OtherPages;
import dev.honostar.examples.issues.Store;
import dev.honostar.routing.Template;

/** {@code GET /labels}: every label, live. */
@Template("labels/index")
public final class IndexPage extends OtherPages.LabelsPage {

  public IndexPage(Store store) {
    super(store);
  }
}
