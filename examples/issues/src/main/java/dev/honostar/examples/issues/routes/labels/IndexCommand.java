package dev.honostar.examples.issues.routes.labels;

import dev.honostar.examples.issues.AccountCommands;
import dev.honostar.examples.issues.Store;

/** {@code POST /labels}: creates a label. */
public final class IndexCommand extends AccountCommands.CreateLabel {

  public IndexCommand(Store store) {
    super(store);
  }
}
