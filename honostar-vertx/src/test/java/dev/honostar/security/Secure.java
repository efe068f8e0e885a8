package dev.honostar.security;

import java.util.function.Consumer;

/** Security options for a test, set through their sections: {@code Secure.options(s -> s.getLimits().setMaxBodyBytes(1024))}. */
final class Secure {

  private Secure() {
  }

  static SecurityOptions options(Consumer<SecurityOptions> settings) {
    SecurityOptions options = new SecurityOptions();
    settings.accept(options);
    return options;
  }
}
