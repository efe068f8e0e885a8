package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.OtherPages;
import dev.honostar.examples.issues.Store;
import dev.honostar.routing.Template;

/** {@code GET /profile}: the signed-in user's profile. */
@Template("account/profile")
public final class ProfilePage extends OtherPages.ProfilePage {

  public ProfilePage(Store store) {
    super(store);
  }
}
