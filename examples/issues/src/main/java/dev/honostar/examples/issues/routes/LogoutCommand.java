package dev.honostar.examples.issues.routes;

import dev.honostar.examples.issues.AccountCommands;

/** {@code POST /logout}. */
public final class LogoutCommand extends AccountCommands.LogoutCommand {
}
