package dev.honostar.security.impl;

import dev.honostar.security.SecurityOptions;
import dev.honostar.security.SigningSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Immutable holder of the HMAC keys; messages name variables, never values. */
public final class SigningSecretsImpl implements SigningSecrets {

  public static final Logger LOG = LoggerFactory.getLogger(SigningSecrets.class);
  static final String ALGORITHM = "HmacSHA256";
  private static final String HOW_TO_GENERATE = "Generate one with: openssl rand -base64 48";

  private final SecretKey current;
  private final SecretKey previous;
  private final boolean ephemeral;

  private SigningSecretsImpl(byte[] current, byte[] previous, boolean ephemeral) {
    this.current = new SecretKeySpec(current, ALGORITHM);
    this.previous = previous == null ? null : new SecretKeySpec(previous, ALGORITHM);
    this.ephemeral = ephemeral;
  }

  public static SigningSecrets resolve(SecurityOptions options, Map<String, String> env, boolean distributed,
                                       Consumer<String> warn) {
    String currentVar = options.getToken().getSigningSecretEnv();
    String previousVar = options.getToken().getPreviousSigningSecretEnv();
    String current = blankToNull(env.get(currentVar));
    String previous = blankToNull(env.get(previousVar));
    if (current == null) {
      boolean required = options.getToken().isRequireSigningSecret();
      if (required || distributed) {
        String why = required
            ? "security.token.requireSigningSecret is on (HONOSTAR_ENV=production turns it on)"
            : "the app is distributed (clustered, or a Redis/NATS bus), so every node must verify the tokens the others sign";
        throw new IllegalStateException("Cannot start: the signing secret " + currentVar + " is not set, and it is "
            + "required because " + why + ". Set " + currentVar + " to the same random value of at least "
            + options.getToken().getMinSecretBytes() + " bytes on every node. " + HOW_TO_GENERATE);
      }
      if (previous != null) {
        throw new IllegalStateException("Cannot start: " + previousVar + " is set but " + currentVar
            + " is not. Set the new secret in " + currentVar + ".");
      }
      warn.accept("No signing secret (" + currentVar + ") is set: using a random secret for this process. "
          + "Topic tokens will not survive a restart and no other node can verify them. "
          + "This is only acceptable for single-node development.");
      return random();
    }
    return of(current, previous, options.getToken().getMinSecretBytes(), currentVar, previousVar);
  }

  public static SigningSecrets of(String current, String previous, int minBytes, String currentName,
                                  String previousName) {
    if (current == null || current.isBlank()) {
      throw new IllegalStateException("The signing secret " + currentName + " is empty. " + HOW_TO_GENERATE);
    }
    byte[] cur = checked(current, minBytes, currentName);
    byte[] prev = previous == null || previous.isBlank() ? null : checked(previous, minBytes, previousName);
    return new SigningSecretsImpl(cur, prev, false);
  }

  /**
   * One random key per process: every app instance of a single-node development run (e.g.
   * {@code -instances 2}) must accept the others' tokens.
   */
  private static final byte[] PROCESS_KEY = newKey();

  private static byte[] newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  public static SigningSecrets random() {
    return new SigningSecretsImpl(PROCESS_KEY.clone(), null, true);
  }

  private static byte[] checked(String secret, int minBytes, String name) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < minBytes) {
      throw new IllegalStateException("Cannot start: the signing secret " + name + " is too short (" + bytes.length
          + " bytes); at least " + minBytes + " bytes are required. " + HOW_TO_GENERATE);
    }
    return bytes;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public SecretKey current() {
    return current;
  }

  @Override
  public Optional<SecretKey> previous() {
    return Optional.ofNullable(previous);
  }

  @Override
  public boolean ephemeral() {
    return ephemeral;
  }

  @Override
  public String toString() {
    // Never print key material.
    return "SigningSecrets[previous=" + (previous != null) + ", ephemeral=" + ephemeral + "]";
  }
}
