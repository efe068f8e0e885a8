package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The security headers of every response: CSP and HSTS: the {@code security.headers} section of the options, variables
 * {@code HONOSTAR_SECURITY_HEADERS_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getHeaders()
 *     .setCspReportOnly(true);
 * }</pre>
 */
public class HeadersOptions {

  /**
   * Where the page may load the Datastar runtime from: exactly the pinned file on the CDN, not
   * the whole CDN host (anyone can publish scripts there). The empty string when the app serves
   * the runtime itself ({@code 'self'} covers it).
   */
  public static final String DEFAULT_RUNTIME_ORIGIN = dev.honostar.protocol.Datastar.RUNTIME_CDN_URL;

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

  private String runtimeOrigin = DEFAULT_RUNTIME_ORIGIN;
  private String contentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY;
  private boolean cspReportOnly = DEFAULT_CSP_REPORT_ONLY;
  private String strictTransportSecurity = DEFAULT_STRICT_TRANSPORT_SECURITY;

  /** JSON keys and {@code HONOSTAR_SECURITY_HEADERS_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<HeadersOptions> SCHEMA = OptionsSchema.builder("headers", HeadersOptions::new)
    .string("runtimeOrigin", HeadersOptions::getRuntimeOrigin, HeadersOptions::setRuntimeOrigin, "Origin the Datastar runtime script is loaded from; empty when the app serves it itself.")
    .deprecated("HONOSTAR_RUNTIME_ORIGIN")
    .string("contentSecurityPolicy", HeadersOptions::getContentSecurityPolicy, HeadersOptions::setContentSecurityPolicy, "CSP template; ${nonce} and ${runtimeOrigin} are substituted.")
    .deprecated("HONOSTAR_CONTENT_SECURITY_POLICY")
    .bool("cspReportOnly", HeadersOptions::isCspReportOnly, HeadersOptions::setCspReportOnly, "Send Content-Security-Policy-Report-Only instead, to try a policy out.")
    .deprecated("HONOSTAR_CSP_REPORT_ONLY")
    .string("strictTransportSecurity", HeadersOptions::getStrictTransportSecurity, HeadersOptions::setStrictTransportSecurity, "Value of Strict-Transport-Security, sent when security.hsts is on (production turns it on).")
    .deprecated("HONOSTAR_STRICT_TRANSPORT_SECURITY")
    .build();

  public HeadersOptions() {
  }

  public HeadersOptions(HeadersOptions other) {
    this(other.toJson());
  }

  public HeadersOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_HEADERS_*} variables that are set. */
  public HeadersOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_HEADERS_");
  }

  public String getRuntimeOrigin() {
    return runtimeOrigin;
  }

  /** Origin the Datastar runtime script is loaded from; empty when the app serves it itself. */
  public HeadersOptions setRuntimeOrigin(String runtimeOrigin) {
    this.runtimeOrigin = runtimeOrigin == null ? "" : runtimeOrigin.trim();
    return this;
  }

  public String getContentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** CSP template; {@code ${nonce}} and {@code ${runtimeOrigin}} are substituted. */
  public HeadersOptions setContentSecurityPolicy(String contentSecurityPolicy) {
    this.contentSecurityPolicy = Checks.nonBlank("headers.contentSecurityPolicy", contentSecurityPolicy);
    return this;
  }

  public boolean isCspReportOnly() {
    return cspReportOnly;
  }

  /** Send {@code Content-Security-Policy-Report-Only} instead, to try a policy out. */
  public HeadersOptions setCspReportOnly(boolean cspReportOnly) {
    this.cspReportOnly = cspReportOnly;
    return this;
  }

  public String getStrictTransportSecurity() {
    return strictTransportSecurity;
  }

  /** Value of {@code Strict-Transport-Security}, sent when {@link SecurityOptions#isHsts()} is on (production turns it on). */
  public HeadersOptions setStrictTransportSecurity(String strictTransportSecurity) {
    this.strictTransportSecurity = Checks.nonBlank("headers.strictTransportSecurity", strictTransportSecurity);
    return this;
  }
}
