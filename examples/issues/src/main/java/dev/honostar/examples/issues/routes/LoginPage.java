package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.OtherPages;
import dev.honostar.routing.Template;

/** {@code GET /login}: the login form. */
@Template("account/login")
public final class LoginPage extends OtherPages.AccountForm {

  public LoginPage() {
    super("Log in");
  }
}
