package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.AccountCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /profile}: renames the signed-in user. */
public final class ProfileCommand extends AccountCommands.ProfileCommand {

  public ProfileCommand(Store store) {
    super(store);
  }
}
