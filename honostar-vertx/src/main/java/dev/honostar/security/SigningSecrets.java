package dev.honostar.security;

import dev.honostar.security.impl.SigningSecretsImpl;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC keys that sign topic tokens: the current one, used to sign and verify, and optionally
 * the previous one, still accepted while a rotation is under way.
 * <p>
 * To rotate: move the old value to {@code HONOSTAR_SIGNING_SECRET_PREVIOUS}, put a new one in
 * {@code HONOSTAR_SIGNING_SECRET}, restart the nodes; remove the previous one after a token lifetime.
 *
 * <pre>{@code
 * SigningSecrets secrets = SigningSecrets.resolve(options, System.getenv(), clustered);
 * }</pre>
 */
public interface SigningSecrets {

  /**
   * Reads the secrets from {@code env} (variables named by {@link TokenOptions#getSigningSecretEnv()}
   * and {@link TokenOptions#getPreviousSigningSecretEnv()}).
   * <p>
   * When the current secret is missing: with {@link TokenOptions#isRequireSigningSecret()} (production
   * turns it on), or when {@code distributed} (clustered or sharing a Redis/NATS bus, where every node must
   * verify the others' tokens), this fails; otherwise (single-node development) a random per-process
   * secret is generated and a WARN line is logged.
   *
   * @throws IllegalStateException with a startup message when a secret is missing or too short
   */
  static SigningSecrets resolve(SecurityOptions options, Map<String, String> env, boolean distributed) {
    return SigningSecretsImpl.resolve(options, env, distributed, SigningSecretsImpl.LOG::warn);
  }

  /** Explicit secrets (e.g. from a vault); {@code previous} may be {@code null}. */
  static SigningSecrets of(String current, String previous, SecurityOptions options) {
    return SigningSecretsImpl.of(current, previous, options.getToken().getMinSecretBytes(), "current secret",
        "previous secret");
  }

  /** A random secret for this process only; tokens die with the process. */
  static SigningSecrets random() {
    return SigningSecretsImpl.random();
  }

  /** Key used to sign, and tried first to verify. */
  SecretKey current();

  /** Key of the previous secret, also accepted to verify. */
  Optional<SecretKey> previous();

  /** True when the secret was generated for this process ({@link #random()}). */
  boolean ephemeral();
}
