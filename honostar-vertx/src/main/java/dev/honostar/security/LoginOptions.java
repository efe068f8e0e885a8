package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Login throttling and password hashing: the {@code security.login} section of the options, variables
 * {@code HONOSTAR_SECURITY_LOGIN_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getLogin()
 *     .setFreeAttempts(3);
 * }</pre>
 */
public class LoginOptions {

  /** Wrong passwords for one account before {@link LoginThrottle} makes it wait. */
  public static final int DEFAULT_FREE_ATTEMPTS = 5;

  /** Wrong passwords from one client address (any account) before {@link LoginThrottle} makes it wait. */
  public static final int DEFAULT_FREE_ATTEMPTS_PER_ADDRESS = 20;

  /** The longest wait {@link LoginThrottle} imposes, so an attacker cannot lock a real user out for long. */
  public static final long DEFAULT_MAX_DELAY_SECONDS = 60;

  /** Failures older than this are forgotten by {@link LoginThrottle}. */
  public static final long DEFAULT_WINDOW_SECONDS = 15 * 60;

  /** Threads of the {@link PasswordHashing} pool: half the cores, so page loads keep the rest. */
  public static final int DEFAULT_PASSWORD_HASH_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /** Hashes waiting for a {@link PasswordHashing} thread; beyond it requests get 503 at once. */
  public static final int DEFAULT_PASSWORD_HASH_QUEUE = 16;

  private int freeAttempts = DEFAULT_FREE_ATTEMPTS;
  private int freeAttemptsPerAddress = DEFAULT_FREE_ATTEMPTS_PER_ADDRESS;
  private long maxDelaySeconds = DEFAULT_MAX_DELAY_SECONDS;
  private long windowSeconds = DEFAULT_WINDOW_SECONDS;
  private int passwordHashThreads = DEFAULT_PASSWORD_HASH_THREADS;
  private int passwordHashQueue = DEFAULT_PASSWORD_HASH_QUEUE;

  /** JSON keys and {@code HONOSTAR_SECURITY_LOGIN_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<LoginOptions> SCHEMA = OptionsSchema.builder("login", LoginOptions::new)
    .integer("freeAttempts", LoginOptions::getFreeAttempts, LoginOptions::setFreeAttempts, "Wrong passwords for one account (from any address) before LoginThrottle makes it wait.")
    .deprecated("HONOSTAR_LOGIN_FREE_ATTEMPTS")
    .integer("freeAttemptsPerAddress", LoginOptions::getFreeAttemptsPerAddress, LoginOptions::setFreeAttemptsPerAddress, "Wrong passwords from one client address (for any accounts) before LoginThrottle makes it wait.")
    .deprecated("HONOSTAR_LOGIN_FREE_ATTEMPTS_PER_ADDRESS")
    .seconds("maxDelaySeconds", LoginOptions::getMaxDelaySeconds, LoginOptions::setMaxDelaySeconds, "The longest wait LoginThrottle imposes (the wait doubles per failure up to it).")
    .deprecated("HONOSTAR_LOGIN_MAX_DELAY_SECONDS")
    .seconds("windowSeconds", LoginOptions::getWindowSeconds, LoginOptions::setWindowSeconds, "How long LoginThrottle remembers a key's failures after the last one.")
    .deprecated("HONOSTAR_LOGIN_WINDOW_SECONDS")
    .integer("passwordHashThreads", LoginOptions::getPasswordHashThreads, LoginOptions::setPasswordHashThreads, "Threads of the PasswordHashing pool.")
    .deprecated("HONOSTAR_PASSWORD_HASH_THREADS").docDefault("half the cores, at least 1")
    .integer("passwordHashQueue", LoginOptions::getPasswordHashQueue, LoginOptions::setPasswordHashQueue, "Hashes that may wait for a PasswordHashing thread; more are refused at once (503).")
    .deprecated("HONOSTAR_PASSWORD_HASH_QUEUE")
    .build();

  public LoginOptions() {
  }

  public LoginOptions(LoginOptions other) {
    this(other.toJson());
  }

  public LoginOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_LOGIN_*} variables that are set. */
  public LoginOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_LOGIN_");
  }

  public int getFreeAttempts() {
    return freeAttempts;
  }

  /** Wrong passwords for one account (from any address) before {@link LoginThrottle} makes it wait. */
  public LoginOptions setFreeAttempts(int freeAttempts) {
    this.freeAttempts = Checks.positive("login.freeAttempts", freeAttempts);
    return this;
  }

  public int getFreeAttemptsPerAddress() {
    return freeAttemptsPerAddress;
  }

  /** Wrong passwords from one client address (for any accounts) before {@link LoginThrottle} makes it wait. */
  public LoginOptions setFreeAttemptsPerAddress(int freeAttemptsPerAddress) {
    this.freeAttemptsPerAddress = Checks.positive("login.freeAttemptsPerAddress", freeAttemptsPerAddress);
    return this;
  }

  public long getMaxDelaySeconds() {
    return maxDelaySeconds;
  }

  /** The longest wait {@link LoginThrottle} imposes (the wait doubles per failure up to it). */
  public LoginOptions setMaxDelaySeconds(long maxDelaySeconds) {
    this.maxDelaySeconds = Checks.positive("login.maxDelaySeconds", maxDelaySeconds);
    return this;
  }

  public long getWindowSeconds() {
    return windowSeconds;
  }

  /** How long {@link LoginThrottle} remembers a key's failures after the last one. */
  public LoginOptions setWindowSeconds(long windowSeconds) {
    this.windowSeconds = Checks.positive("login.windowSeconds", windowSeconds);
    return this;
  }

  public int getPasswordHashThreads() {
    return passwordHashThreads;
  }

  /** Threads of the {@link PasswordHashing} pool. */
  public LoginOptions setPasswordHashThreads(int passwordHashThreads) {
    this.passwordHashThreads = Checks.positive("login.passwordHashThreads", passwordHashThreads);
    return this;
  }

  public int getPasswordHashQueue() {
    return passwordHashQueue;
  }

  /** Hashes that may wait for a {@link PasswordHashing} thread; more are refused at once (503). */
  public LoginOptions setPasswordHashQueue(int passwordHashQueue) {
    this.passwordHashQueue = Checks.positive("login.passwordHashQueue", passwordHashQueue);
    return this;
  }
}
