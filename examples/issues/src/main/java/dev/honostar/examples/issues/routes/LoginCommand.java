package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.AccountCommands;
import dev.honostar.examples.issues.Passwords;
import dev.honostar.examples.issues.Store;
import dev.honostar.security.LoginThrottle;
import dev.honostar.security.PasswordHashing;

/** {@code POST /login}: signs in, throttled per account and address. */
public final class LoginCommand extends AccountCommands.LoginCommand {

  public LoginCommand(Store store, Passwords passwords, PasswordHashing hashing, LoginThrottle throttle) {
    super(store, passwords, hashing, throttle);
  }
}
