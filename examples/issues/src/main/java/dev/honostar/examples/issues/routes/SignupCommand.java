package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.AccountCommands;
import dev.honostar.examples.issues.Passwords;
import dev.honostar.examples.issues.Store;
import dev.honostar.security.PasswordHashing;

/** {@code POST /signup}: creates an account and signs in. */
public final class SignupCommand extends AccountCommands.SignupCommand {

  public SignupCommand(Store store, Passwords passwords, PasswordHashing hashing) {
    super(store, passwords, hashing);
  }
}
