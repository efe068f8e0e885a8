package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The session cookie: the {@code security.sessionCookie} section of the options, variables
 * {@code HONOSTAR_SECURITY_SESSION_COOKIE_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getSessionCookie()
 *     .setTimeoutSeconds(3600);
 * }</pre>
 */
public class SessionCookieOptions {

  public static final String DEFAULT_NAME = "ds_session";

  public static final long DEFAULT_TIMEOUT_SECONDS = 30 * 60;

  private String name = DEFAULT_NAME;
  private long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

  /** JSON keys and {@code HONOSTAR_SECURITY_SESSION_COOKIE_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<SessionCookieOptions> SCHEMA = OptionsSchema.builder("sessionCookie", SessionCookieOptions::new)
    .string("name", SessionCookieOptions::getName, SessionCookieOptions::setName, "Name of the session cookie.")
    .deprecated("HONOSTAR_SESSION_COOKIE_NAME")
    .seconds("timeoutSeconds", SessionCookieOptions::getTimeoutSeconds, SessionCookieOptions::setTimeoutSeconds, "Idle time after which a session expires.")
    .deprecated("HONOSTAR_SESSION_TIMEOUT_SECONDS")
    .build();

  public SessionCookieOptions() {
  }

  public SessionCookieOptions(SessionCookieOptions other) {
    this(other.toJson());
  }

  public SessionCookieOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_SESSION_COOKIE_*} variables that are set. */
  public SessionCookieOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_SESSION_COOKIE_");
  }

  public String getName() {
    return name;
  }

  /** Name of the session cookie. */
  public SessionCookieOptions setName(String name) {
    this.name = Checks.nonBlank("sessionCookie.name", name);
    return this;
  }

  public long getTimeoutSeconds() {
    return timeoutSeconds;
  }

  /** Idle time after which a session expires. */
  public SessionCookieOptions setTimeoutSeconds(long timeoutSeconds) {
    this.timeoutSeconds = Checks.positive("sessionCookie.timeoutSeconds", timeoutSeconds);
    return this;
  }
}
