package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CSRF check of commands: the {@code security.csrf} section of the options, variables
 * {@code HONOSTAR_SECURITY_CSRF_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getCsrf()
 *     .setExemptPaths(List.of("/webhooks"));
 * }</pre>
 */
public class CsrfOptions {

  public static final String DEFAULT_COOKIE_NAME = "ds_csrf";

  private String cookieName = DEFAULT_COOKIE_NAME;
  private List<String> exemptPaths = new ArrayList<>();

  /** JSON keys and {@code HONOSTAR_SECURITY_CSRF_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<CsrfOptions> SCHEMA = OptionsSchema.builder("csrf", CsrfOptions::new)
    .string("cookieName", CsrfOptions::getCookieName, CsrfOptions::setCookieName, "Name of the CSRF cookie; __Host-ds_csrf is stronger when the site is HTTPS-only.")
    .deprecated("HONOSTAR_CSRF_COOKIE_NAME")
    .list("exemptPaths", CsrfOptions::getExemptPaths, CsrfOptions::setExemptPaths, "Path prefixes exempt from the CSRF check, e.g. /webhooks; a prefix matches itself and its sub-paths (/webhooks/x), not /webhooksx.")
    .deprecated("HONOSTAR_CSRF_EXEMPT_PATHS")
    .build();

  public CsrfOptions() {
  }

  public CsrfOptions(CsrfOptions other) {
    this(other.toJson());
  }

  public CsrfOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_CSRF_*} variables that are set. */
  public CsrfOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_CSRF_");
  }

  public String getCookieName() {
    return cookieName;
  }

  /** Name of the CSRF cookie; {@code __Host-ds_csrf} is stronger when the site is HTTPS-only. */
  public CsrfOptions setCookieName(String cookieName) {
    this.cookieName = Checks.nonBlank("csrf.cookieName", cookieName);
    return this;
  }

  public List<String> getExemptPaths() {
    return List.copyOf(exemptPaths);
  }

  /**
   * Path prefixes exempt from the CSRF check, e.g. {@code /webhooks}; a prefix matches itself and
   * its sub-paths ({@code /webhooks/x}), not {@code /webhooksx}.
   */
  public CsrfOptions setExemptPaths(List<String> exemptPaths) {
    List<String> copy = new ArrayList<>();
    for (String p : Objects.requireNonNull(exemptPaths, "csrf.exemptPaths")) {
      if (p == null || !p.startsWith("/")) {
        throw new IllegalArgumentException("exemptPaths entries must start with '/', got " + p);
      }
      copy.add(p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    }
    this.exemptPaths = copy;
    return this;
  }
}
