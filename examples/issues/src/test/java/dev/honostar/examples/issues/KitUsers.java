package dev.honostar.examples.issues;

import dev.honostar.test.Browser;
import dev.honostar.test.HonoStarTest;

import java.util.Map;
import java.util.UUID;

/** Users of the tracker for tests driven through the test kit. */
final class KitUsers {

  private KitUsers() {
  }

  /** Signs up, then logs in: sign-up ends on the login page whether the address is new or not. */
  static Browser signedIn(HonoStarTest app, String name) {
    Browser browser = app.browser();
    String email = name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    browser.open("/signup").submitWithoutJavaScript("form[action='/signup']", Map.of(
      "name", name, "email", email, "password", "correct horse battery"));
    browser.open("/login").submitWithoutJavaScript("form[action='/login']", Map.of("email", email, "password", "correct horse battery"));
    return browser;
  }
}
