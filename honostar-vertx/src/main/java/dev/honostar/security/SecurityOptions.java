package dev.honostar.security;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@code dev.honostar.security} package: signing secrets, topic tokens, CSRF, CSP,
 * request limits, stream limits, command rate limits and the session cookie.
 * <p>
 * Every setting has a {@code DEFAULT_*} constant, a JSON key (see {@link #toJson()}) and an
 * environment variable (see {@link #applyEnvironment(Map)}).
 *
 * <pre>{@code
 * SecurityOptions options = new SecurityOptions()
 *     .setCsrfExemptPaths(List.of("/webhooks"))
 *     .applyEnvironment(System.getenv());
 * HttpServerOptions server = new HttpServerOptions();
 * options.applyTo(server);
 * }</pre>
 */
public class SecurityOptions {

  /** Name of the variable that switches production mode on when it equals {@code production}. */
  public static final String ENV_MODE = "HONOSTAR_ENV";

  public static final String DEFAULT_SIGNING_SECRET_ENV = "HONOSTAR_SIGNING_SECRET";
  public static final String DEFAULT_PREVIOUS_SIGNING_SECRET_ENV = "HONOSTAR_SIGNING_SECRET_PREVIOUS";
  public static final int DEFAULT_MIN_SECRET_BYTES = 32;
  public static final long DEFAULT_TOKEN_LIFETIME_SECONDS = 300;
  public static final int DEFAULT_MAX_TOPICS = 32;
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 4096;
  /** Bytes of URL parameters and viewer key a live page may bind into its token. */
  public static final int DEFAULT_MAX_VIEW_BYTES = 1024;
  public static final String DEFAULT_CSRF_COOKIE_NAME = "ds_csrf";
  public static final boolean DEFAULT_TRUST_FORWARDED_HEADERS = false;
  /** Origin of the Datastar runtime on the CDN; the empty string when the runtime is served by the app. */
  public static final String DEFAULT_RUNTIME_ORIGIN = "https://cdn.jsdelivr.net";
  /**
   * CSP template. {@code ${nonce}} is replaced per request, {@code ${runtimeOrigin}} once by
   * {@link #getRuntimeOrigin()}. {@code 'unsafe-eval'} is there because Datastar compiles its
   * {@code data-*} expressions with {@code new Function}.
   */
  public static final String DEFAULT_CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self' 'nonce-${nonce}' 'unsafe-eval' ${runtimeOrigin}; "
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
          + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";
  public static final boolean DEFAULT_CSP_REPORT_ONLY = false;
  public static final String DEFAULT_STRICT_TRANSPORT_SECURITY = "max-age=31536000";
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
  /** Larger than Vert.x's 4096 so that a topic token fits into an SSE URL. */
  public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 8192;
  public static final int DEFAULT_MAX_STREAMS_PER_SESSION = 16;
  public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 128;
  public static final double DEFAULT_COMMAND_RATE_PER_SECOND = 20.0;
  public static final int DEFAULT_COMMAND_BURST = 40;
  public static final String DEFAULT_SESSION_COOKIE_NAME = "ds_session";
  public static final long DEFAULT_SESSION_TIMEOUT_SECONDS = 30 * 60;

  /** JSON key to environment variable, in the order of {@link #toJson()}. */
  private static final Map<String, String> ENV_NAMES = orderedEnvNames();

  private String signingSecretEnv = DEFAULT_SIGNING_SECRET_ENV;
  private String previousSigningSecretEnv = DEFAULT_PREVIOUS_SIGNING_SECRET_ENV;
  private int minSecretBytes = DEFAULT_MIN_SECRET_BYTES;
  private long tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
  private int maxTopics = DEFAULT_MAX_TOPICS;
  private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
  private int maxViewBytes = DEFAULT_MAX_VIEW_BYTES;
  private String csrfCookieName = DEFAULT_CSRF_COOKIE_NAME;
  private List<String> csrfExemptPaths = new ArrayList<>();
  private boolean trustForwardedHeaders = DEFAULT_TRUST_FORWARDED_HEADERS;
  private String runtimeOrigin = DEFAULT_RUNTIME_ORIGIN;
  private String contentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY;
  private boolean cspReportOnly = DEFAULT_CSP_REPORT_ONLY;
  private String strictTransportSecurity = DEFAULT_STRICT_TRANSPORT_SECURITY;
  private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
  private int maxInitialLineLength = DEFAULT_MAX_INITIAL_LINE_LENGTH;
  private int maxStreamsPerSession = DEFAULT_MAX_STREAMS_PER_SESSION;
  private int maxStreamsPerAddress = DEFAULT_MAX_STREAMS_PER_ADDRESS;
  private double commandRatePerSecond = DEFAULT_COMMAND_RATE_PER_SECOND;
  private int commandBurst = DEFAULT_COMMAND_BURST;
  private String sessionCookieName = DEFAULT_SESSION_COOKIE_NAME;
  private long sessionTimeoutSeconds = DEFAULT_SESSION_TIMEOUT_SECONDS;

  public SecurityOptions() {
  }

  public SecurityOptions(SecurityOptions other) {
    this(other.toJson());
  }

  /** Reads the keys of {@link #toJson()}; missing keys keep their defaults. */
  public SecurityOptions(JsonObject json) {
    this();
    fromJson(json);
  }

  private void fromJson(JsonObject json) {
    if (json.containsKey("signingSecretEnv")) setSigningSecretEnv(json.getString("signingSecretEnv"));
    if (json.containsKey("previousSigningSecretEnv")) setPreviousSigningSecretEnv(json.getString("previousSigningSecretEnv"));
    if (json.containsKey("minSecretBytes")) setMinSecretBytes(json.getInteger("minSecretBytes"));
    if (json.containsKey("tokenLifetimeSeconds")) setTokenLifetimeSeconds(json.getLong("tokenLifetimeSeconds"));
    if (json.containsKey("maxTopics")) setMaxTopics(json.getInteger("maxTopics"));
    if (json.containsKey("maxTokenLength")) setMaxTokenLength(json.getInteger("maxTokenLength"));
    if (json.containsKey("maxViewBytes")) setMaxViewBytes(json.getInteger("maxViewBytes"));
    if (json.containsKey("csrfCookieName")) setCsrfCookieName(json.getString("csrfCookieName"));
    if (json.containsKey("csrfExemptPaths")) {
      List<String> paths = new ArrayList<>();
      json.getJsonArray("csrfExemptPaths").forEach(p -> paths.add((String) p));
      setCsrfExemptPaths(paths);
    }
    if (json.containsKey("trustForwardedHeaders")) setTrustForwardedHeaders(json.getBoolean("trustForwardedHeaders"));
    if (json.containsKey("runtimeOrigin")) setRuntimeOrigin(json.getString("runtimeOrigin"));
    if (json.containsKey("contentSecurityPolicy")) setContentSecurityPolicy(json.getString("contentSecurityPolicy"));
    if (json.containsKey("cspReportOnly")) setCspReportOnly(json.getBoolean("cspReportOnly"));
    if (json.containsKey("strictTransportSecurity")) setStrictTransportSecurity(json.getString("strictTransportSecurity"));
    if (json.containsKey("maxBodyBytes")) setMaxBodyBytes(json.getLong("maxBodyBytes"));
    if (json.containsKey("maxHeaderSize")) setMaxHeaderSize(json.getInteger("maxHeaderSize"));
    if (json.containsKey("maxInitialLineLength")) setMaxInitialLineLength(json.getInteger("maxInitialLineLength"));
    if (json.containsKey("maxStreamsPerSession")) setMaxStreamsPerSession(json.getInteger("maxStreamsPerSession"));
    if (json.containsKey("maxStreamsPerAddress")) setMaxStreamsPerAddress(json.getInteger("maxStreamsPerAddress"));
    if (json.containsKey("commandRatePerSecond")) setCommandRatePerSecond(json.getDouble("commandRatePerSecond"));
    if (json.containsKey("commandBurst")) setCommandBurst(json.getInteger("commandBurst"));
    if (json.containsKey("sessionCookieName")) setSessionCookieName(json.getString("sessionCookieName"));
    if (json.containsKey("sessionTimeoutSeconds")) setSessionTimeoutSeconds(json.getLong("sessionTimeoutSeconds"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("signingSecretEnv", signingSecretEnv)
        .put("previousSigningSecretEnv", previousSigningSecretEnv)
        .put("minSecretBytes", minSecretBytes)
        .put("tokenLifetimeSeconds", tokenLifetimeSeconds)
        .put("maxTopics", maxTopics)
        .put("maxTokenLength", maxTokenLength)
        .put("maxViewBytes", maxViewBytes)
        .put("csrfCookieName", csrfCookieName)
        .put("csrfExemptPaths", new JsonArray(new ArrayList<>(csrfExemptPaths)))
        .put("trustForwardedHeaders", trustForwardedHeaders)
        .put("runtimeOrigin", runtimeOrigin)
        .put("contentSecurityPolicy", contentSecurityPolicy)
        .put("cspReportOnly", cspReportOnly)
        .put("strictTransportSecurity", strictTransportSecurity)
        .put("maxBodyBytes", maxBodyBytes)
        .put("maxHeaderSize", maxHeaderSize)
        .put("maxInitialLineLength", maxInitialLineLength)
        .put("maxStreamsPerSession", maxStreamsPerSession)
        .put("maxStreamsPerAddress", maxStreamsPerAddress)
        .put("commandRatePerSecond", commandRatePerSecond)
        .put("commandBurst", commandBurst)
        .put("sessionCookieName", sessionCookieName)
        .put("sessionTimeoutSeconds", sessionTimeoutSeconds);
  }

  /**
   * Overrides settings from environment variables, for example {@code HONOSTAR_MAX_TOPICS=64}.
   * The variable of each JSON key is {@code HONOSTAR_} plus the key in upper snake case (see
   * {@link #environmentVariables()}); lists are comma-separated. The signing secrets themselves are
   * read by {@link SigningSecrets#resolve}, not here.
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be parsed
   */
  public SecurityOptions applyEnvironment(Map<String, String> env) {
    JsonObject defaults = toJson();
    JsonObject overrides = new JsonObject();
    ENV_NAMES.forEach((key, var) -> {
      String raw = env.get(var);
      if (raw == null) {
        return;
      }
      String value = raw.trim();
      Object current = defaults.getValue(key);
      try {
        if (current instanceof JsonArray) {
          JsonArray list = new JsonArray();
          for (String part : value.split(",")) {
            if (!part.isBlank()) {
              list.add(part.trim());
            }
          }
          overrides.put(key, list);
        } else if (current instanceof Boolean) {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
          }
          overrides.put(key, Boolean.parseBoolean(value));
        } else if (current instanceof Integer) {
          overrides.put(key, Integer.parseInt(value));
        } else if (current instanceof Long) {
          overrides.put(key, Long.parseLong(value));
        } else if (current instanceof Double) {
          overrides.put(key, Double.parseDouble(value));
        } else {
          overrides.put(key, raw);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(var + " has an invalid value '" + value + "' ("
            + (current instanceof JsonArray ? "expected a comma-separated list" : "expected a "
            + current.getClass().getSimpleName().toLowerCase(Locale.ROOT)) + ")", e);
      }
    });
    try {
      fromJson(overrides);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid security setting from the environment: " + e.getMessage(), e);
    }
    return this;
  }

  /** JSON key to environment variable name, as read by {@link #applyEnvironment(Map)}. */
  public static Map<String, String> environmentVariables() {
    return ENV_NAMES;
  }

  /** True when {@code HONOSTAR_ENV=production} (case-insensitive). */
  public static boolean isProduction(Map<String, String> env) {
    String mode = env.get(ENV_MODE);
    return mode != null && mode.trim().equalsIgnoreCase("production");
  }

  /**
   * Sets {@code maxHeaderSize} and {@code maxInitialLineLength} on the server. Vert.x then answers
   * oversized requests itself, before any handler runs: 414 for a long request line, 431 for large
   * headers.
   */
  public void applyTo(HttpServerOptions serverOptions) {
    serverOptions.setMaxHeaderSize(maxHeaderSize);
    serverOptions.setMaxInitialLineLength(maxInitialLineLength);
  }

  private static Map<String, String> orderedEnvNames() {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    for (String key : new SecurityOptions().toJson().fieldNames()) {
      if (key.equals("signingSecretEnv") || key.equals("previousSigningSecretEnv")) {
        continue;
      }
      names.put(key, "HONOSTAR_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return java.util.Collections.unmodifiableMap(names);
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  private static String nonBlank(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  public String getSigningSecretEnv() {
    return signingSecretEnv;
  }

  /** Name of the variable holding the current signing secret. */
  public SecurityOptions setSigningSecretEnv(String signingSecretEnv) {
    this.signingSecretEnv = nonBlank("signingSecretEnv", signingSecretEnv);
    return this;
  }

  public String getPreviousSigningSecretEnv() {
    return previousSigningSecretEnv;
  }

  /** Name of the variable holding the previous signing secret, still accepted during a rotation. */
  public SecurityOptions setPreviousSigningSecretEnv(String previousSigningSecretEnv) {
    this.previousSigningSecretEnv = nonBlank("previousSigningSecretEnv", previousSigningSecretEnv);
    return this;
  }

  public int getMinSecretBytes() {
    return minSecretBytes;
  }

  /** Minimum length of a signing secret in UTF-8 bytes; at least 32. */
  public SecurityOptions setMinSecretBytes(int minSecretBytes) {
    if (minSecretBytes < DEFAULT_MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("minSecretBytes must be at least " + DEFAULT_MIN_SECRET_BYTES);
    }
    this.minSecretBytes = minSecretBytes;
    return this;
  }

  public long getTokenLifetimeSeconds() {
    return tokenLifetimeSeconds;
  }

  /** Lifetime of a topic token. */
  public SecurityOptions setTokenLifetimeSeconds(long tokenLifetimeSeconds) {
    this.tokenLifetimeSeconds = positive("tokenLifetimeSeconds", tokenLifetimeSeconds);
    return this;
  }

  public int getMaxTopics() {
    return maxTopics;
  }

  /** Most topics one token (and so one SSE connection) may carry. */
  public SecurityOptions setMaxTopics(int maxTopics) {
    this.maxTopics = positive("maxTopics", maxTopics);
    return this;
  }

  public int getMaxTokenLength() {
    return maxTokenLength;
  }

  /** Longest topic token accepted, in characters; longer strings are rejected before any work. */
  public SecurityOptions setMaxTokenLength(int maxTokenLength) {
    this.maxTokenLength = positive("maxTokenLength", maxTokenLength);
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
  public SecurityOptions setMaxViewBytes(int maxViewBytes) {
    this.maxViewBytes = positive("maxViewBytes", maxViewBytes);
    return this;
  }

  public String getCsrfCookieName() {
    return csrfCookieName;
  }

  /** Name of the CSRF cookie; {@code __Host-ds_csrf} is stronger when the site is HTTPS-only. */
  public SecurityOptions setCsrfCookieName(String csrfCookieName) {
    this.csrfCookieName = nonBlank("csrfCookieName", csrfCookieName);
    return this;
  }

  public List<String> getCsrfExemptPaths() {
    return List.copyOf(csrfExemptPaths);
  }

  /**
   * Path prefixes exempt from the CSRF check, e.g. {@code /webhooks}; a prefix matches itself and
   * its sub-paths ({@code /webhooks/x}), not {@code /webhooksx}.
   */
  public SecurityOptions setCsrfExemptPaths(List<String> csrfExemptPaths) {
    List<String> copy = new ArrayList<>();
    for (String p : Objects.requireNonNull(csrfExemptPaths, "csrfExemptPaths")) {
      if (p == null || !p.startsWith("/")) {
        throw new IllegalArgumentException("csrfExemptPaths entries must start with '/', got " + p);
      }
      copy.add(p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    }
    this.csrfExemptPaths = copy;
    return this;
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

  public String getRuntimeOrigin() {
    return runtimeOrigin;
  }

  /** Origin the Datastar runtime script is loaded from; empty when the app serves it itself. */
  public SecurityOptions setRuntimeOrigin(String runtimeOrigin) {
    this.runtimeOrigin = runtimeOrigin == null ? "" : runtimeOrigin.trim();
    return this;
  }

  public String getContentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** CSP template; {@code ${nonce}} and {@code ${runtimeOrigin}} are substituted. */
  public SecurityOptions setContentSecurityPolicy(String contentSecurityPolicy) {
    this.contentSecurityPolicy = nonBlank("contentSecurityPolicy", contentSecurityPolicy);
    return this;
  }

  public boolean isCspReportOnly() {
    return cspReportOnly;
  }

  /** Send {@code Content-Security-Policy-Report-Only} instead, to try a policy out. */
  public SecurityOptions setCspReportOnly(boolean cspReportOnly) {
    this.cspReportOnly = cspReportOnly;
    return this;
  }

  public String getStrictTransportSecurity() {
    return strictTransportSecurity;
  }

  /** Value of {@code Strict-Transport-Security}, sent in production only. */
  public SecurityOptions setStrictTransportSecurity(String strictTransportSecurity) {
    this.strictTransportSecurity = nonBlank("strictTransportSecurity", strictTransportSecurity);
    return this;
  }

  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /** Largest request body; larger ones get 413. */
  public SecurityOptions setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = positive("maxBodyBytes", maxBodyBytes);
    return this;
  }

  public int getMaxHeaderSize() {
    return maxHeaderSize;
  }

  /** Largest total size of the request headers; larger gets 431 from Vert.x. */
  public SecurityOptions setMaxHeaderSize(int maxHeaderSize) {
    this.maxHeaderSize = positive("maxHeaderSize", maxHeaderSize);
    return this;
  }

  public int getMaxInitialLineLength() {
    return maxInitialLineLength;
  }

  /** Longest request line (method, URL, version); longer gets 414 from Vert.x. */
  public SecurityOptions setMaxInitialLineLength(int maxInitialLineLength) {
    this.maxInitialLineLength = positive("maxInitialLineLength", maxInitialLineLength);
    return this;
  }

  public int getMaxStreamsPerSession() {
    return maxStreamsPerSession;
  }

  /** Most open SSE streams of one session (tabs of one browser). */
  public SecurityOptions setMaxStreamsPerSession(int maxStreamsPerSession) {
    this.maxStreamsPerSession = positive("maxStreamsPerSession", maxStreamsPerSession);
    return this;
  }

  public int getMaxStreamsPerAddress() {
    return maxStreamsPerAddress;
  }

  /** Most open SSE streams from one client address (an office behind NAT shares one). */
  public SecurityOptions setMaxStreamsPerAddress(int maxStreamsPerAddress) {
    this.maxStreamsPerAddress = positive("maxStreamsPerAddress", maxStreamsPerAddress);
    return this;
  }

  public double getCommandRatePerSecond() {
    return commandRatePerSecond;
  }

  /** Sustained commands per second per session (or address) of the token-bucket limiter. */
  public SecurityOptions setCommandRatePerSecond(double commandRatePerSecond) {
    if (!(commandRatePerSecond > 0) || Double.isInfinite(commandRatePerSecond)) {
      throw new IllegalArgumentException("commandRatePerSecond must be a positive number, got " + commandRatePerSecond);
    }
    this.commandRatePerSecond = commandRatePerSecond;
    return this;
  }

  public int getCommandBurst() {
    return commandBurst;
  }

  /** Commands allowed at once before the rate applies (the bucket size). */
  public SecurityOptions setCommandBurst(int commandBurst) {
    this.commandBurst = positive("commandBurst", commandBurst);
    return this;
  }

  public String getSessionCookieName() {
    return sessionCookieName;
  }

  /** Name of the session cookie. */
  public SecurityOptions setSessionCookieName(String sessionCookieName) {
    this.sessionCookieName = nonBlank("sessionCookieName", sessionCookieName);
    return this;
  }

  public long getSessionTimeoutSeconds() {
    return sessionTimeoutSeconds;
  }

  /** Idle time after which a session expires. */
  public SecurityOptions setSessionTimeoutSeconds(long sessionTimeoutSeconds) {
    this.sessionTimeoutSeconds = positive("sessionTimeoutSeconds", sessionTimeoutSeconds);
    return this;
  }
}
