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
 * production mode resolves ({@link #isSecureCookies()}, {@link #isHsts()}) and whether forwarded headers
 * are trusted.
 * <p>
 * Every setting has a {@code DEFAULT_*} constant, a JSON key ({@code security.<section>.<key>}) and a variable
 * ({@code HONOSTAR_SECURITY_<SECTION>_<KEY>}); see {@link #SCHEMA} and docs/configuration.md. The flat
 * accessors ({@link #setMaxTopics(int)}, …) are shortcuts to the sections.
 *
 * <pre>{@code
 * SecurityOptions options = new SecurityOptions();
 * options.getCsrf().setExemptPaths(List.of("/webhooks"));
 * options.applyEnvironment(System.getenv());
 * HttpServerOptions server = new HttpServerOptions();
 * options.applyTo(server);
 * }</pre>
 */
public class SecurityOptions {

  /** Name of the variable that switches production mode on when it equals {@code production}. */
  public static final String ENV_MODE = "HONOSTAR_ENV";
  public static final boolean DEFAULT_TRUST_FORWARDED_HEADERS = false;

  public static final String DEFAULT_SIGNING_SECRET_ENV = TokenOptions.DEFAULT_SIGNING_SECRET_ENV;

  public static final String DEFAULT_PREVIOUS_SIGNING_SECRET_ENV = TokenOptions.DEFAULT_PREVIOUS_SIGNING_SECRET_ENV;

  public static final int DEFAULT_MIN_SECRET_BYTES = TokenOptions.DEFAULT_MIN_SECRET_BYTES;

  public static final long DEFAULT_TOKEN_LIFETIME_SECONDS = TokenOptions.DEFAULT_LIFETIME_SECONDS;

  public static final int DEFAULT_MAX_TOPICS = TokenOptions.DEFAULT_MAX_TOPICS;

  public static final int DEFAULT_MAX_TOKEN_LENGTH = TokenOptions.DEFAULT_MAX_LENGTH;

  /** Bytes of URL parameters and viewer key a live page may bind into its token. */
  public static final int DEFAULT_MAX_VIEW_BYTES = TokenOptions.DEFAULT_MAX_VIEW_BYTES;

  public static final String DEFAULT_CSRF_COOKIE_NAME = CsrfOptions.DEFAULT_COOKIE_NAME;

  /**
   * Where the page may load the Datastar runtime from: exactly the pinned file on the CDN, not
   * the whole CDN host (anyone can publish scripts there). The empty string when the app serves
   * the runtime itself ({@code 'self'} covers it).
   */
  public static final String DEFAULT_RUNTIME_ORIGIN = HeadersOptions.DEFAULT_RUNTIME_ORIGIN;

  /**
   * CSP template. {@code ${nonce}} is replaced per request, {@code ${runtimeOrigin}} once by
   * {@link #getRuntimeOrigin()}. {@code 'unsafe-eval'} is there because Datastar compiles its
   * {@code data-*} expressions with {@code new Function}.
   */
  public static final String DEFAULT_CONTENT_SECURITY_POLICY = HeadersOptions.DEFAULT_CONTENT_SECURITY_POLICY;

  public static final boolean DEFAULT_CSP_REPORT_ONLY = HeadersOptions.DEFAULT_CSP_REPORT_ONLY;

  public static final String DEFAULT_STRICT_TRANSPORT_SECURITY = HeadersOptions.DEFAULT_STRICT_TRANSPORT_SECURITY;

  public static final String DEFAULT_SESSION_COOKIE_NAME = SessionCookieOptions.DEFAULT_NAME;

  public static final long DEFAULT_SESSION_TIMEOUT_SECONDS = SessionCookieOptions.DEFAULT_TIMEOUT_SECONDS;

  public static final long DEFAULT_MAX_BODY_BYTES = LimitsOptions.DEFAULT_MAX_BODY_BYTES;

  public static final int DEFAULT_MAX_HEADER_SIZE = LimitsOptions.DEFAULT_MAX_HEADER_SIZE;

  /** Larger than Vert.x's 4096 so that a topic token fits into an SSE URL. */
  public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = LimitsOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;

  public static final int DEFAULT_MAX_STREAMS_PER_SESSION = LimitsOptions.DEFAULT_MAX_STREAMS_PER_SESSION;

  public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = LimitsOptions.DEFAULT_MAX_STREAMS_PER_ADDRESS;

  public static final double DEFAULT_COMMAND_RATE_PER_SECOND = LimitsOptions.DEFAULT_COMMAND_RATE_PER_SECOND;

  public static final int DEFAULT_COMMAND_BURST = LimitsOptions.DEFAULT_COMMAND_BURST;

  /** Cleartext HTTP/2 (h2c, by {@code Upgrade} or prior knowledge): off, see {@link #setHttp2ClearText(boolean)}. */
  public static final boolean DEFAULT_HTTP2_CLEAR_TEXT = LimitsOptions.DEFAULT_HTTP2_CLEAR_TEXT;

  /** Seconds a connection may stay without any traffic; live streams send a heartbeat every 15 s. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = LimitsOptions.DEFAULT_IDLE_TIMEOUT_SECONDS;

  /** Wrong passwords for one account before {@link LoginThrottle} makes it wait. */
  public static final int DEFAULT_LOGIN_FREE_ATTEMPTS = LoginOptions.DEFAULT_FREE_ATTEMPTS;

  /** Wrong passwords from one client address (any account) before {@link LoginThrottle} makes it wait. */
  public static final int DEFAULT_LOGIN_FREE_ATTEMPTS_PER_ADDRESS = LoginOptions.DEFAULT_FREE_ATTEMPTS_PER_ADDRESS;

  /** The longest wait {@link LoginThrottle} imposes, so an attacker cannot lock a real user out for long. */
  public static final long DEFAULT_LOGIN_MAX_DELAY_SECONDS = LoginOptions.DEFAULT_MAX_DELAY_SECONDS;

  /** Failures older than this are forgotten by {@link LoginThrottle}. */
  public static final long DEFAULT_LOGIN_WINDOW_SECONDS = LoginOptions.DEFAULT_WINDOW_SECONDS;

  /** Threads of the {@link PasswordHashing} pool: half the cores, so page loads keep the rest. */
  public static final int DEFAULT_PASSWORD_HASH_THREADS = LoginOptions.DEFAULT_PASSWORD_HASH_THREADS;

  /** Hashes waiting for a {@link PasswordHashing} thread; beyond it requests get 503 at once. */
  public static final int DEFAULT_PASSWORD_HASH_QUEUE = LoginOptions.DEFAULT_PASSWORD_HASH_QUEUE;

  /** Old flat JSON keys of {@code security}, read into their sections. */
  private static final Map<String, String> LEGACY_JSON_KEYS = Map.ofEntries(
    Map.entry("signingSecretEnv", "token.signingSecretEnv"),
    Map.entry("previousSigningSecretEnv", "token.previousSigningSecretEnv"),
    Map.entry("minSecretBytes", "token.minSecretBytes"),
    Map.entry("tokenLifetimeSeconds", "token.lifetimeSeconds"),
    Map.entry("maxTopics", "token.maxTopics"),
    Map.entry("maxTokenLength", "token.maxLength"),
    Map.entry("maxViewBytes", "token.maxViewBytes"),
    Map.entry("csrfCookieName", "csrf.cookieName"),
    Map.entry("csrfExemptPaths", "csrf.exemptPaths"),
    Map.entry("runtimeOrigin", "headers.runtimeOrigin"),
    Map.entry("contentSecurityPolicy", "headers.contentSecurityPolicy"),
    Map.entry("cspReportOnly", "headers.cspReportOnly"),
    Map.entry("strictTransportSecurity", "headers.strictTransportSecurity"),
    Map.entry("sessionCookieName", "sessionCookie.name"),
    Map.entry("sessionTimeoutSeconds", "sessionCookie.timeoutSeconds"),
    Map.entry("maxBodyBytes", "limits.maxBodyBytes"),
    Map.entry("maxHeaderSize", "limits.maxHeaderSize"),
    Map.entry("maxInitialLineLength", "limits.maxInitialLineLength"),
    Map.entry("maxStreamsPerSession", "limits.maxStreamsPerSession"),
    Map.entry("maxStreamsPerAddress", "limits.maxStreamsPerAddress"),
    Map.entry("commandRatePerSecond", "limits.commandRatePerSecond"),
    Map.entry("commandBurst", "limits.commandBurst"),
    Map.entry("http2ClearText", "limits.http2ClearText"),
    Map.entry("idleTimeoutSeconds", "limits.idleTimeoutSeconds"),
    Map.entry("loginFreeAttempts", "login.freeAttempts"),
    Map.entry("loginFreeAttemptsPerAddress", "login.freeAttemptsPerAddress"),
    Map.entry("loginMaxDelaySeconds", "login.maxDelaySeconds"),
    Map.entry("loginWindowSeconds", "login.windowSeconds"),
    Map.entry("passwordHashThreads", "login.passwordHashThreads"),
    Map.entry("passwordHashQueue", "login.passwordHashQueue"));

  private final TokenOptions token = new TokenOptions();
  private final CsrfOptions csrf = new CsrfOptions();
  private final HeadersOptions headers = new HeadersOptions();
  private final SessionCookieOptions sessionCookie = new SessionCookieOptions();
  private final LimitsOptions limits = new LimitsOptions();
  private final LoginOptions login = new LoginOptions();
  private boolean trustForwardedHeaders = DEFAULT_TRUST_FORWARDED_HEADERS;
  private boolean secureCookies;
  private boolean hsts;

  /** JSON keys and {@code HONOSTAR_SECURITY_*} variables; see docs/configuration.md. */
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
    JsonObject copy = json.copy();
    for (Map.Entry<String, String> legacy : LEGACY_JSON_KEYS.entrySet()) {
      if (copy.containsKey(legacy.getKey())) {
        String[] path = legacy.getValue().split("\\.");
        JsonObject section = copy.getJsonObject(path[0]);
        if (section == null) {
          section = new JsonObject();
          copy.put(path[0], section);
        }
        if (!section.containsKey(path[1])) {
          section.put(path[1], copy.getValue(legacy.getKey()));
        }
        copy.remove(legacy.getKey());
      }
    }
    SCHEMA.fromJson(this, copy);
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

  /** True when {@code HONOSTAR_ENV=production} (case-insensitive). */
  public static boolean isProduction(Map<String, String> env) {
    String mode = env.get(ENV_MODE);
    return mode != null && mode.trim().equalsIgnoreCase("production");
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

  /** Shortcut for {@code getToken().getSigningSecretEnv()}. */
  public String getSigningSecretEnv() {
    return token.getSigningSecretEnv();
  }

  /** Shortcut for {@code getToken().setSigningSecretEnv(…)}: Name of the variable holding the current signing secret. */
  public SecurityOptions setSigningSecretEnv(String signingSecretEnv) {
    token.setSigningSecretEnv(signingSecretEnv);
    return this;
  }

  /** Shortcut for {@code getToken().getPreviousSigningSecretEnv()}. */
  public String getPreviousSigningSecretEnv() {
    return token.getPreviousSigningSecretEnv();
  }

  /** Shortcut for {@code getToken().setPreviousSigningSecretEnv(…)}: Name of the variable holding the previous signing secret, still accepted during a rotation. */
  public SecurityOptions setPreviousSigningSecretEnv(String previousSigningSecretEnv) {
    token.setPreviousSigningSecretEnv(previousSigningSecretEnv);
    return this;
  }

  /** Shortcut for {@code getToken().getMinSecretBytes()}. */
  public int getMinSecretBytes() {
    return token.getMinSecretBytes();
  }

  /** Shortcut for {@code getToken().setMinSecretBytes(…)}: Minimum length of a signing secret in UTF-8 bytes; at least 32. */
  public SecurityOptions setMinSecretBytes(int minSecretBytes) {
    token.setMinSecretBytes(minSecretBytes);
    return this;
  }

  /** Shortcut for {@code getToken().getLifetimeSeconds()}. */
  public long getTokenLifetimeSeconds() {
    return token.getLifetimeSeconds();
  }

  /** Shortcut for {@code getToken().setLifetimeSeconds(…)}: Lifetime of a topic token. */
  public SecurityOptions setTokenLifetimeSeconds(long tokenLifetimeSeconds) {
    token.setLifetimeSeconds(tokenLifetimeSeconds);
    return this;
  }

  /** Shortcut for {@code getToken().getMaxTopics()}. */
  public int getMaxTopics() {
    return token.getMaxTopics();
  }

  /** Shortcut for {@code getToken().setMaxTopics(…)}: Most topics one token (and so one SSE connection) may carry. */
  public SecurityOptions setMaxTopics(int maxTopics) {
    token.setMaxTopics(maxTopics);
    return this;
  }

  /** Shortcut for {@code getToken().getMaxLength()}. */
  public int getMaxTokenLength() {
    return token.getMaxLength();
  }

  /** Shortcut for {@code getToken().setMaxLength(…)}: Longest topic token accepted, in characters; longer strings are rejected before any work. */
  public SecurityOptions setMaxTokenLength(int maxTokenLength) {
    token.setMaxLength(maxTokenLength);
    return this;
  }

  /** Shortcut for {@code getToken().getMaxViewBytes()}. */
  public int getMaxViewBytes() {
    return token.getMaxViewBytes();
  }

  /** Shortcut for {@code getToken().setMaxViewBytes(…)}: see there. */
  public SecurityOptions setMaxViewBytes(int maxViewBytes) {
    token.setMaxViewBytes(maxViewBytes);
    return this;
  }

  /** Shortcut for {@code getCsrf().getCookieName()}. */
  public String getCsrfCookieName() {
    return csrf.getCookieName();
  }

  /** Shortcut for {@code getCsrf().setCookieName(…)}: Name of the CSRF cookie; {@code __Host-ds_csrf} is stronger when the site is HTTPS-only. */
  public SecurityOptions setCsrfCookieName(String csrfCookieName) {
    csrf.setCookieName(csrfCookieName);
    return this;
  }

  /** Shortcut for {@code getCsrf().getExemptPaths()}. */
  public List<String> getCsrfExemptPaths() {
    return csrf.getExemptPaths();
  }

  /** Shortcut for {@code getCsrf().setExemptPaths(…)}: see there. */
  public SecurityOptions setCsrfExemptPaths(List<String> csrfExemptPaths) {
    csrf.setExemptPaths(csrfExemptPaths);
    return this;
  }

  /** Shortcut for {@code getHeaders().getRuntimeOrigin()}. */
  public String getRuntimeOrigin() {
    return headers.getRuntimeOrigin();
  }

  /** Shortcut for {@code getHeaders().setRuntimeOrigin(…)}: Origin the Datastar runtime script is loaded from; empty when the app serves it itself. */
  public SecurityOptions setRuntimeOrigin(String runtimeOrigin) {
    headers.setRuntimeOrigin(runtimeOrigin);
    return this;
  }

  /** Shortcut for {@code getHeaders().getContentSecurityPolicy()}. */
  public String getContentSecurityPolicy() {
    return headers.getContentSecurityPolicy();
  }

  /** Shortcut for {@code getHeaders().setContentSecurityPolicy(…)}: CSP template; {@code ${nonce}} and {@code ${runtimeOrigin}} are substituted. */
  public SecurityOptions setContentSecurityPolicy(String contentSecurityPolicy) {
    headers.setContentSecurityPolicy(contentSecurityPolicy);
    return this;
  }

  /** Shortcut for {@code getHeaders().isCspReportOnly()}. */
  public boolean isCspReportOnly() {
    return headers.isCspReportOnly();
  }

  /** Shortcut for {@code getHeaders().setCspReportOnly(…)}: Send {@code Content-Security-Policy-Report-Only} instead, to try a policy out. */
  public SecurityOptions setCspReportOnly(boolean cspReportOnly) {
    headers.setCspReportOnly(cspReportOnly);
    return this;
  }

  /** Shortcut for {@code getHeaders().getStrictTransportSecurity()}. */
  public String getStrictTransportSecurity() {
    return headers.getStrictTransportSecurity();
  }

  /** Shortcut for {@code getHeaders().setStrictTransportSecurity(…)}: Value of {@code Strict-Transport-Security}, sent in production only. */
  public SecurityOptions setStrictTransportSecurity(String strictTransportSecurity) {
    headers.setStrictTransportSecurity(strictTransportSecurity);
    return this;
  }

  /** Shortcut for {@code getSessionCookie().getName()}. */
  public String getSessionCookieName() {
    return sessionCookie.getName();
  }

  /** Shortcut for {@code getSessionCookie().setName(…)}: Name of the session cookie. */
  public SecurityOptions setSessionCookieName(String sessionCookieName) {
    sessionCookie.setName(sessionCookieName);
    return this;
  }

  /** Shortcut for {@code getSessionCookie().getTimeoutSeconds()}. */
  public long getSessionTimeoutSeconds() {
    return sessionCookie.getTimeoutSeconds();
  }

  /** Shortcut for {@code getSessionCookie().setTimeoutSeconds(…)}: Idle time after which a session expires. */
  public SecurityOptions setSessionTimeoutSeconds(long sessionTimeoutSeconds) {
    sessionCookie.setTimeoutSeconds(sessionTimeoutSeconds);
    return this;
  }

  /** Shortcut for {@code getLimits().getMaxBodyBytes()}. */
  public long getMaxBodyBytes() {
    return limits.getMaxBodyBytes();
  }

  /** Shortcut for {@code getLimits().setMaxBodyBytes(…)}: Largest request body; larger ones get 413. */
  public SecurityOptions setMaxBodyBytes(long maxBodyBytes) {
    limits.setMaxBodyBytes(maxBodyBytes);
    return this;
  }

  /** Shortcut for {@code getLimits().getMaxHeaderSize()}. */
  public int getMaxHeaderSize() {
    return limits.getMaxHeaderSize();
  }

  /** Shortcut for {@code getLimits().setMaxHeaderSize(…)}: Largest total size of the request headers; larger gets 431 from Vert.x. */
  public SecurityOptions setMaxHeaderSize(int maxHeaderSize) {
    limits.setMaxHeaderSize(maxHeaderSize);
    return this;
  }

  /** Shortcut for {@code getLimits().getMaxInitialLineLength()}. */
  public int getMaxInitialLineLength() {
    return limits.getMaxInitialLineLength();
  }

  /** Shortcut for {@code getLimits().setMaxInitialLineLength(…)}: Longest request line (method, URL, version); longer gets 414 from Vert.x. */
  public SecurityOptions setMaxInitialLineLength(int maxInitialLineLength) {
    limits.setMaxInitialLineLength(maxInitialLineLength);
    return this;
  }

  /** Shortcut for {@code getLimits().getMaxStreamsPerSession()}. */
  public int getMaxStreamsPerSession() {
    return limits.getMaxStreamsPerSession();
  }

  /** Shortcut for {@code getLimits().setMaxStreamsPerSession(…)}: Most open SSE streams of one session (tabs of one browser). */
  public SecurityOptions setMaxStreamsPerSession(int maxStreamsPerSession) {
    limits.setMaxStreamsPerSession(maxStreamsPerSession);
    return this;
  }

  /** Shortcut for {@code getLimits().getMaxStreamsPerAddress()}. */
  public int getMaxStreamsPerAddress() {
    return limits.getMaxStreamsPerAddress();
  }

  /** Shortcut for {@code getLimits().setMaxStreamsPerAddress(…)}: Most open SSE streams from one client address (an office behind NAT shares one). */
  public SecurityOptions setMaxStreamsPerAddress(int maxStreamsPerAddress) {
    limits.setMaxStreamsPerAddress(maxStreamsPerAddress);
    return this;
  }

  /** Shortcut for {@code getLimits().getCommandRatePerSecond()}. */
  public double getCommandRatePerSecond() {
    return limits.getCommandRatePerSecond();
  }

  /** Shortcut for {@code getLimits().setCommandRatePerSecond(…)}: Sustained commands per second per session (or address) of the token-bucket limiter. */
  public SecurityOptions setCommandRatePerSecond(double commandRatePerSecond) {
    limits.setCommandRatePerSecond(commandRatePerSecond);
    return this;
  }

  /** Shortcut for {@code getLimits().getCommandBurst()}. */
  public int getCommandBurst() {
    return limits.getCommandBurst();
  }

  /** Shortcut for {@code getLimits().setCommandBurst(…)}: Commands allowed at once before the rate applies (the bucket size). */
  public SecurityOptions setCommandBurst(int commandBurst) {
    limits.setCommandBurst(commandBurst);
    return this;
  }

  /** Shortcut for {@code getLimits().isHttp2ClearText()}. */
  public boolean isHttp2ClearText() {
    return limits.isHttp2ClearText();
  }

  /** Shortcut for {@code getLimits().setHttp2ClearText(…)}: see there. */
  public SecurityOptions setHttp2ClearText(boolean http2ClearText) {
    limits.setHttp2ClearText(http2ClearText);
    return this;
  }

  /** Shortcut for {@code getLimits().getIdleTimeoutSeconds()}. */
  public int getIdleTimeoutSeconds() {
    return limits.getIdleTimeoutSeconds();
  }

  /** Shortcut for {@code getLimits().setIdleTimeoutSeconds(…)}: see there. */
  public SecurityOptions setIdleTimeoutSeconds(int idleTimeoutSeconds) {
    limits.setIdleTimeoutSeconds(idleTimeoutSeconds);
    return this;
  }

  /** Shortcut for {@code getLogin().getFreeAttempts()}. */
  public int getLoginFreeAttempts() {
    return login.getFreeAttempts();
  }

  /** Shortcut for {@code getLogin().setFreeAttempts(…)}: Wrong passwords for one account (from any address) before {@link LoginThrottle} makes it wait. */
  public SecurityOptions setLoginFreeAttempts(int loginFreeAttempts) {
    login.setFreeAttempts(loginFreeAttempts);
    return this;
  }

  /** Shortcut for {@code getLogin().getFreeAttemptsPerAddress()}. */
  public int getLoginFreeAttemptsPerAddress() {
    return login.getFreeAttemptsPerAddress();
  }

  /** Shortcut for {@code getLogin().setFreeAttemptsPerAddress(…)}: Wrong passwords from one client address (for any accounts) before {@link LoginThrottle} makes it wait. */
  public SecurityOptions setLoginFreeAttemptsPerAddress(int loginFreeAttemptsPerAddress) {
    login.setFreeAttemptsPerAddress(loginFreeAttemptsPerAddress);
    return this;
  }

  /** Shortcut for {@code getLogin().getMaxDelaySeconds()}. */
  public long getLoginMaxDelaySeconds() {
    return login.getMaxDelaySeconds();
  }

  /** Shortcut for {@code getLogin().setMaxDelaySeconds(…)}: The longest wait {@link LoginThrottle} imposes (the wait doubles per failure up to it). */
  public SecurityOptions setLoginMaxDelaySeconds(long loginMaxDelaySeconds) {
    login.setMaxDelaySeconds(loginMaxDelaySeconds);
    return this;
  }

  /** Shortcut for {@code getLogin().getWindowSeconds()}. */
  public long getLoginWindowSeconds() {
    return login.getWindowSeconds();
  }

  /** Shortcut for {@code getLogin().setWindowSeconds(…)}: How long {@link LoginThrottle} remembers a key's failures after the last one. */
  public SecurityOptions setLoginWindowSeconds(long loginWindowSeconds) {
    login.setWindowSeconds(loginWindowSeconds);
    return this;
  }

  /** Shortcut for {@code getLogin().getPasswordHashThreads()}. */
  public int getPasswordHashThreads() {
    return login.getPasswordHashThreads();
  }

  /** Shortcut for {@code getLogin().setPasswordHashThreads(…)}: Threads of the {@link PasswordHashing} pool. */
  public SecurityOptions setPasswordHashThreads(int passwordHashThreads) {
    login.setPasswordHashThreads(passwordHashThreads);
    return this;
  }

  /** Shortcut for {@code getLogin().getPasswordHashQueue()}. */
  public int getPasswordHashQueue() {
    return login.getPasswordHashQueue();
  }

  /** Shortcut for {@code getLogin().setPasswordHashQueue(…)}: Hashes that may wait for a {@link PasswordHashing} thread; more are refused at once (503). */
  public SecurityOptions setPasswordHashQueue(int passwordHashQueue) {
    login.setPasswordHashQueue(passwordHashQueue);
    return this;
  }
}
