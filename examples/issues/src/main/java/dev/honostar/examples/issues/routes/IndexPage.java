package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.OtherPages;
import dev.honostar.routing.Template;

/** {@code GET /}: the home page. */
@Template("home")
public final class IndexPage extends OtherPages.Home {
}
