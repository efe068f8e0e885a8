package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.OtherPages;
import dev.honostar.routing.Template;

/** {@code GET /signup}: the sign-up form. */
@Template("account/signup")
public final class SignupPage extends OtherPages.AccountForm {

  public SignupPage() {
    super("Sign up");
  }
}
