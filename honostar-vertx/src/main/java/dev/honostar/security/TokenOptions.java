package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Topic tokens and the secrets that sign them: the {@code security.token} section of the options, variables
 * {@code HONOSTAR_SECURITY_TOKEN_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getToken()
 *     .setMaxTopics(64);
 * }</pre>
 */
public class TokenOptions {

  public static final String DEFAULT_SIGNING_SECRET_ENV = "HONOSTAR_SIGNING_SECRET";

  public static final String DEFAULT_PREVIOUS_SIGNING_SECRET_ENV = "HONOSTAR_SIGNING_SECRET_PREVIOUS";

  public static final int DEFAULT_MIN_SECRET_BYTES = 32;

  public static final long DEFAULT_LIFETIME_SECONDS = 300;

  public static final int DEFAULT_MAX_TOPICS = 32;

  public static final int DEFAULT_MAX_LENGTH = 4096;

  /** Bytes of URL parameters and viewer key a live page may bind into its token. */
  public static final int DEFAULT_MAX_VIEW_BYTES = 1024;

  /** Off outside production (a random per-process secret then); {@code HonoStarOptions.setProduction(true)} turns it on. */
  public static final boolean DEFAULT_REQUIRE_SIGNING_SECRET = false;

  private String signingSecretEnv = DEFAULT_SIGNING_SECRET_ENV;
  private String previousSigningSecretEnv = DEFAULT_PREVIOUS_SIGNING_SECRET_ENV;
  private int minSecretBytes = DEFAULT_MIN_SECRET_BYTES;
  private long lifetimeSeconds = DEFAULT_LIFETIME_SECONDS;
  private int maxTopics = DEFAULT_MAX_TOPICS;
  private int maxLength = DEFAULT_MAX_LENGTH;
  private int maxViewBytes = DEFAULT_MAX_VIEW_BYTES;
  private boolean requireSigningSecret = DEFAULT_REQUIRE_SIGNING_SECRET;

  /** JSON keys and {@code HONOSTAR_SECURITY_TOKEN_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<TokenOptions> SCHEMA = OptionsSchema.builder("token", TokenOptions::new)
    .string("signingSecretEnv", TokenOptions::getSigningSecretEnv, TokenOptions::setSigningSecretEnv, "Name of the variable holding the current signing secret.")
    .jsonOnly()
    .string("previousSigningSecretEnv", TokenOptions::getPreviousSigningSecretEnv, TokenOptions::setPreviousSigningSecretEnv, "Name of the variable holding the previous signing secret, still accepted during a rotation.")
    .jsonOnly()
    .bytes("minSecretBytes", TokenOptions::getMinSecretBytes, TokenOptions::setMinSecretBytes, "Minimum length of a signing secret in UTF-8 bytes; at least 32.")
    .deprecated("HONOSTAR_MIN_SECRET_BYTES")
    .seconds("lifetimeSeconds", TokenOptions::getLifetimeSeconds, TokenOptions::setLifetimeSeconds, "Lifetime of a topic token.")
    .deprecated("HONOSTAR_TOKEN_LIFETIME_SECONDS")
    .integer("maxTopics", TokenOptions::getMaxTopics, TokenOptions::setMaxTopics, "Most topics one token (and so one SSE connection) may carry.")
    .deprecated("HONOSTAR_MAX_TOPICS")
    .integer("maxLength", TokenOptions::getMaxLength, TokenOptions::setMaxLength, "Longest topic token accepted, in characters; longer strings are rejected before any work.")
    .deprecated("HONOSTAR_MAX_TOKEN_LENGTH")
    .bytes("maxViewBytes", TokenOptions::getMaxViewBytes, TokenOptions::setMaxViewBytes, "Largest view a live page binds into its token: the UTF-8 bytes of the URL parameters its regions depend on (ViewKey.params) plus its viewer key. A page whose URL exceeds it answers 400; a token carrying more is refused.")
    .deprecated("HONOSTAR_MAX_VIEW_BYTES")
    .bool("requireSigningSecret", TokenOptions::isRequireSigningSecret, TokenOptions::setRequireSigningSecret,
      "Fail start when the signing secret variable is unset, instead of signing with a random per-process secret (always required on a distributed bus).")
    .docDefault("true in production")
    .build();

  public TokenOptions() {
  }

  public TokenOptions(TokenOptions other) {
    this(other.toJson());
  }

  public TokenOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_TOKEN_*} variables that are set. */
  public TokenOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_TOKEN_");
  }

  public String getSigningSecretEnv() {
    return signingSecretEnv;
  }

  /** Name of the variable holding the current signing secret. */
  public TokenOptions setSigningSecretEnv(String signingSecretEnv) {
    this.signingSecretEnv = Checks.nonBlank("token.signingSecretEnv", signingSecretEnv);
    return this;
  }

  public String getPreviousSigningSecretEnv() {
    return previousSigningSecretEnv;
  }

  /** Name of the variable holding the previous signing secret, still accepted during a rotation. */
  public TokenOptions setPreviousSigningSecretEnv(String previousSigningSecretEnv) {
    this.previousSigningSecretEnv = Checks.nonBlank("token.previousSigningSecretEnv", previousSigningSecretEnv);
    return this;
  }

  public int getMinSecretBytes() {
    return minSecretBytes;
  }

  /** Minimum length of a signing secret in UTF-8 bytes; at least 32. */
  public TokenOptions setMinSecretBytes(int minSecretBytes) {
    if (minSecretBytes < DEFAULT_MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("minSecretBytes must be at least " + DEFAULT_MIN_SECRET_BYTES);
    }
    this.minSecretBytes = minSecretBytes;
    return this;
  }

  public long getLifetimeSeconds() {
    return lifetimeSeconds;
  }

  /** Lifetime of a topic token. */
  public TokenOptions setLifetimeSeconds(long lifetimeSeconds) {
    this.lifetimeSeconds = Checks.positive("token.lifetimeSeconds", lifetimeSeconds);
    return this;
  }

  public int getMaxTopics() {
    return maxTopics;
  }

  /** Most topics one token (and so one SSE connection) may carry. */
  public TokenOptions setMaxTopics(int maxTopics) {
    this.maxTopics = Checks.positive("token.maxTopics", maxTopics);
    return this;
  }

  public int getMaxLength() {
    return maxLength;
  }

  /** Longest topic token accepted, in characters; longer strings are rejected before any work. */
  public TokenOptions setMaxLength(int maxLength) {
    this.maxLength = Checks.positive("token.maxLength", maxLength);
    return this;
  }

  public int getMaxViewBytes() {
    return maxViewBytes;
  }

  /**
   * Largest view a live page binds into its token: the UTF-8 bytes of the URL parameters its
   * regions depend on ({@code ViewKey.params}) plus its viewer key. A page whose URL exceeds it
   * answers 400; a token carrying more is refused.
   */
  public TokenOptions setMaxViewBytes(int maxViewBytes) {
    this.maxViewBytes = Checks.positive("token.maxViewBytes", maxViewBytes);
    return this;
  }

  public boolean isRequireSigningSecret() {
    return requireSigningSecret;
  }

  /**
   * Whether start fails when the variable {@link #getSigningSecretEnv()} names is unset. Off, a single node
   * signs with a random per-process secret (tokens die with the process); production turns it on. A
   * distributed bus requires the secret either way: every node must verify the others' tokens.
   */
  public TokenOptions setRequireSigningSecret(boolean requireSigningSecret) {
    this.requireSigningSecret = requireSigningSecret;
    return this;
  }
}
