package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the {@code dev.honostar.security} package, in sections: {@link TokenOptions topic tokens},
 * {@link CsrfOptions CSRF}, {@link HeadersOptions security headers}, {@link SessionCookieOptions the session
 * cookie}, {@link LimitsOptions limits} and {@link LoginOptions login throttling}; plus the settings
 * production resolves ({@link #isSecureCookies()}, {@link #isHsts()}) and whether forwarded headers
 * are trusted.
 * <p>
 * Every setting has a {@code DEFAULT_*} constant in its section, a JSON key ({@code security.<section>.<key>})
 * and a variable ({@code HONOSTAR_SECURITY_<SECTION>_<KEY>}); see {@link #SCHEMA} and docs/configuration.md.
 * The flat JSON keys of earlier versions ({@code "maxTopics"}) are still read into their sections.
 *
 * <pre>{@code
 * SecurityOptions options = new SecurityOptions();
 * options.getCsrf().setExemptPaths(List.of("/webhooks"));
 * options.getToken().setMaxTopics(64);
 * options.applyEnvironment(System.getenv());
 * HttpServerOptions server = new HttpServerOptions();
 * options.applyTo(server);
 * }</pre>
 */
public class SecurityOptions {

  public static final boolean DEFAULT_TRUST_FORWARDED_HEADERS = false;
  /** Off outside production; {@code HonoStarOptions.setProduction(true)} turns it on. */
  public static final boolean DEFAULT_SECURE_COOKIES = false;
  /** Off outside production; {@code HonoStarOptions.setProduction(true)} turns it on. */
  public static final boolean DEFAULT_HSTS = false;

  private final TokenOptions token = new TokenOptions();
  private final CsrfOptions csrf = new CsrfOptions();
  private final HeadersOptions headers = new HeadersOptions();
  private final SessionCookieOptions sessionCookie = new SessionCookieOptions();
  private final LimitsOptions limits = new LimitsOptions();
  private final LoginOptions login = new LoginOptions();
  private boolean trustForwardedHeaders = DEFAULT_TRUST_FORWARDED_HEADERS;
  private boolean secureCookies = DEFAULT_SECURE_COOKIES;
  private boolean hsts = DEFAULT_HSTS;

  /**
   * JSON keys and {@code HONOSTAR_SECURITY_*} variables; see docs/configuration.md. The flat keys of earlier
   * versions are {@linkplain OptionsSchema.Builder#movedKey moved keys}.
   */
  public static final OptionsSchema<SecurityOptions> SCHEMA = OptionsSchema.builder("security", SecurityOptions::new)
    .bool("trustForwardedHeaders", SecurityOptions::isTrustForwardedHeaders, SecurityOptions::setTrustForwardedHeaders,
      "Believe X-Forwarded-Proto, -Host and -For; only behind a proxy that overwrites them.")
    .deprecated("HONOSTAR_TRUST_FORWARDED_HEADERS")
    .bool("secureCookies", SecurityOptions::isSecureCookies, SecurityOptions::setSecureCookies,
      "Mark cookies Secure on plain-HTTP requests too (TLS ends at a proxy).")
    .docDefault("true in production")
    .bool("hsts", SecurityOptions::isHsts, SecurityOptions::setHsts,
      "Send Strict-Transport-Security.")
    .docDefault("true in production")
    .section("token", SecurityOptions::getToken, TokenOptions.SCHEMA)
    .section("csrf", SecurityOptions::getCsrf, CsrfOptions.SCHEMA)
    .section("headers", SecurityOptions::getHeaders, HeadersOptions.SCHEMA)
    .section("sessionCookie", SecurityOptions::getSessionCookie, SessionCookieOptions.SCHEMA)
    .section("limits", SecurityOptions::getLimits, LimitsOptions.SCHEMA)
    .section("login", SecurityOptions::getLogin, LoginOptions.SCHEMA)
    .movedKey("signingSecretEnv", "token.signingSecretEnv")
    .movedKey("previousSigningSecretEnv", "token.previousSigningSecretEnv")
    .movedKey("minSecretBytes", "token.minSecretBytes")
    .movedKey("tokenLifetimeSeconds", "token.lifetimeSeconds")
    .movedKey("maxTopics", "token.maxTopics")
    .movedKey("maxTokenLength", "token.maxLength")
    .movedKey("maxViewBytes", "token.maxViewBytes")
    .movedKey("csrfCookieName", "csrf.cookieName")
    .movedKey("csrfExemptPaths", "csrf.exemptPaths")
    .movedKey("runtimeOrigin", "headers.runtimeOrigin")
    .movedKey("contentSecurityPolicy", "headers.contentSecurityPolicy")
    .movedKey("cspReportOnly", "headers.cspReportOnly")
    .movedKey("strictTransportSecurity", "headers.strictTransportSecurity")
    .movedKey("sessionCookieName", "sessionCookie.name")
    .movedKey("sessionTimeoutSeconds", "sessionCookie.timeoutSeconds")
    .movedKey("maxBodyBytes", "limits.maxBodyBytes")
    .movedKey("maxHeaderSize", "limits.maxHeaderSize")
    .movedKey("maxInitialLineLength", "limits.maxInitialLineLength")
    .movedKey("maxStreamsPerSession", "limits.maxStreamsPerSession")
    .movedKey("maxStreamsPerAddress", "limits.maxStreamsPerAddress")
    .movedKey("commandRatePerSecond", "limits.commandRatePerSecond")
    .movedKey("commandBurst", "limits.commandBurst")
    .movedKey("http2ClearText", "limits.http2ClearText")
    .movedKey("idleTimeoutSeconds", "limits.idleTimeoutSeconds")
    .movedKey("loginFreeAttempts", "login.freeAttempts")
    .movedKey("loginFreeAttemptsPerAddress", "login.freeAttemptsPerAddress")
    .movedKey("loginMaxDelaySeconds", "login.maxDelaySeconds")
    .movedKey("loginWindowSeconds", "login.windowSeconds")
    .movedKey("passwordHashThreads", "login.passwordHashThreads")
    .movedKey("passwordHashQueue", "login.passwordHashQueue")
    .build();

  public SecurityOptions() {
  }

  public SecurityOptions(SecurityOptions other) {
    this(other.toJson());
  }

  /**
   * Reads the keys of {@link #toJson()}; missing keys keep their defaults. The flat keys of earlier
   * versions ({@code "maxTopics"}, …) are still read into their sections.
   */
  public SecurityOptions(JsonObject json) {
    this();
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /**
   * Overrides settings from the {@code HONOSTAR_SECURITY_*} variables that are set, for example
   * {@code HONOSTAR_SECURITY_TOKEN_MAX_TOPICS=64}; lists are comma-separated; the names of earlier
   * versions ({@code HONOSTAR_MAX_TOPICS}) still work, with a warning. The signing secrets themselves are
   * read by {@link SigningSecrets#resolve}, not here.
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be parsed, or is unknown
   */
  public SecurityOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  /** JSON key (as {@code section.key}) to environment variable name, as read by {@link #applyEnvironment(Map)}. */
  public static Map<String, String> environmentVariables() {
    Map<String, String> names = new LinkedHashMap<>();
    List<String> vars = SCHEMA.variables();
    List<String> keys = SCHEMA.jsonKeys();
    for (int i = 0; i < vars.size(); i++) {
      names.put(keys.get(i), vars.get(i));
    }
    return names;
  }

  /**
   * Sets {@code maxHeaderSize} and {@code maxInitialLineLength} on the server (Vert.x then answers
   * oversized requests itself, before any handler runs: 414 for a long request line, 431 for large
   * headers), turns cleartext HTTP/2 off unless {@code http2ClearText} is on, and closes
   * connections idle for {@code idleTimeoutSeconds}.
   */
  public void applyTo(HttpServerOptions serverOptions) {
    limits.applyTo(serverOptions);
  }

  /** Topic tokens and signing secrets. */
  public TokenOptions getToken() {
    return token;
  }

  /** The CSRF check. */
  public CsrfOptions getCsrf() {
    return csrf;
  }

  /** Content-Security-Policy and Strict-Transport-Security. */
  public HeadersOptions getHeaders() {
    return headers;
  }

  /** The session cookie. */
  public SessionCookieOptions getSessionCookie() {
    return sessionCookie;
  }

  /** Request, stream and command limits. */
  public LimitsOptions getLimits() {
    return limits;
  }

  /** Login throttling and password hashing. */
  public LoginOptions getLogin() {
    return login;
  }

  public boolean isTrustForwardedHeaders() {
    return trustForwardedHeaders;
  }

  /**
   * Whether {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-For} are
   * believed. Turn on only behind a proxy that overwrites them; otherwise any client can forge them.
   */
  public SecurityOptions setTrustForwardedHeaders(boolean trustForwardedHeaders) {
    this.trustForwardedHeaders = trustForwardedHeaders;
    return this;
  }

  public boolean isSecureCookies() {
    return secureCookies;
  }

  /**
   * Whether the framework's cookies (CSRF, session, live) are marked {@code Secure} even on a request
   * that arrived over plain HTTP, as behind a proxy that ends TLS. Over HTTPS they always are.
   * {@code HonoStarOptions.setProduction} turns it on.
   */
  public SecurityOptions setSecureCookies(boolean secureCookies) {
    this.secureCookies = secureCookies;
    return this;
  }

  public boolean isHsts() {
    return hsts;
  }

  /**
   * Whether responses carry {@code Strict-Transport-Security} ({@link HeadersOptions#getStrictTransportSecurity()});
   * {@code HonoStarOptions.setProduction} turns it on.
   */
  public SecurityOptions setHsts(boolean hsts) {
    this.hsts = hsts;
    return this;
  }
}
