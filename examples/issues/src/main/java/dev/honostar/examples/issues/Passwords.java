package dev.honostar.examples.issues;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** Password hashing with bcrypt (at.favre.lib:bcrypt, pure Java). Slow on purpose: call off the event loop. */
public final class Passwords {

  /** bcrypt reads at most 72 bytes of a password. */
  static final int MAX_BYTES = 72;

  private final int cost;
  /** Verified against when the e-mail is unknown, so both cases take the same time. */
  private final String dummy;

  public Passwords(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("ISSUES_BCRYPT_COST must be between 4 and 31");
    }
    this.cost = cost;
    this.dummy = BCrypt.withDefaults().hashToString(cost, "not-a-password".toCharArray());
  }

  static boolean fits(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  /** @param hash the stored hash, or {@code null} for an unknown user (then always false, in the same time) */
  public boolean verify(String password, String hash) {
    if (!fits(password)) {
      return false;
    }
    try {
      boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? dummy : hash).verified;
      return ok && hash != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
