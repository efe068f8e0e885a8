package dev.honostar.observability;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of tracing and logging: where spans go (an OTLP/HTTP endpoint; none means tracing is off), the service
 * name spans carry, and the log format.
 *
 * <p>Environment (applied by {@link #applyEnvironment(Map)}): {@value #ENV_ENDPOINT}, else the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}; {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code key=value,...}, e.g. a vendor's API
 * key); {@code OTEL_SERVICE_NAME}; {@code OTEL_EXPORTER_OTLP_PROTOCOL}, if set while tracing is on, must be {@code http/protobuf}; {@code OTEL_SDK_DISABLED=true} turns tracing off whatever the endpoint;
 * {@value #ENV_LOG_FORMAT} ({@code text} or {@code json}).
 *
 * <pre>{@code
 * new ObservabilityOptions().setOtlpEndpoint("http://otel-collector:4318").setServiceName("board")
 *   .setLogFormat(LogFormat.JSON);
 * }</pre>
 */
public class ObservabilityOptions {

  public static final String ENV_ENDPOINT = "HONOSTAR_OBSERVABILITY_OTLP_ENDPOINT";
  public static final String ENV_LOG_FORMAT = "HONOSTAR_OBSERVABILITY_LOG_FORMAT";
  public static final String DEFAULT_SERVICE_NAME = "honostar";
  public static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;
  /** Off unless turned on: {@code HonoStarOptions} turns it on outside production. */
  public static final boolean DEFAULT_LOG_ROUTES = false;

  private String otlpEndpoint;
  private Map<String, String> otlpHeaders = new LinkedHashMap<>();
  private String serviceName = DEFAULT_SERVICE_NAME;
  private LogFormat logFormat = DEFAULT_LOG_FORMAT;
  private boolean logRoutes = DEFAULT_LOG_ROUTES;

  /** {@code key=value,...} headers, as {@code OTEL_EXPORTER_OTLP_HEADERS} writes them. */
  private static final OptionsSchema.Type HEADERS = new OptionsSchema.Type("key=value list", v -> {
    Map<String, String> map = new LinkedHashMap<>();
    ((JsonObject) v).forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }, v -> new JsonObject(new LinkedHashMap<>(castMap(v))), v -> {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : v.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return map;
  });

  /** JSON keys and {@code HONOSTAR_OBSERVABILITY_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<ObservabilityOptions> SCHEMA = OptionsSchema.builder("observability", ObservabilityOptions::new)
    .string("otlpEndpoint", ObservabilityOptions::getOtlpEndpoint, ObservabilityOptions::setOtlpEndpoint,
      "OTLP/HTTP endpoint spans go to, e.g. http://otel-collector:4318; unset: tracing off.")
    .deprecated("HONOSTAR_OTEL_ENDPOINT").fallback("OTEL_EXPORTER_OTLP_ENDPOINT")
    .field("otlpHeaders", HEADERS, OptionsSchema.Unit.NONE, ObservabilityOptions::getOtlpHeaders,
      ObservabilityOptions::setOtlpHeaders, "Headers sent with every export (e.g. a vendor's API key).")
    .fallback("OTEL_EXPORTER_OTLP_HEADERS")
    .string("serviceName", ObservabilityOptions::getServiceName, ObservabilityOptions::setServiceName,
      "The service.name of every span.")
    .fallback("OTEL_SERVICE_NAME")
    .enumValue("logFormat", LogFormat.class, ObservabilityOptions::getLogFormat, ObservabilityOptions::setLogFormat,
      "json: request and live-stream lines as one JSON object each, with request and trace ids.")
    .deprecated("HONOSTAR_LOG_FORMAT")
    .bool("logRoutes", ObservabilityOptions::isLogRoutes, ObservabilityOptions::setLogRoutes,
      "Log the app's pages, commands and streams once the router is built.")
    .docDefault("true unless production")
    .build();

  @SuppressWarnings("unchecked")
  private static Map<String, String> castMap(Object v) {
    return (Map<String, String>) v;
  }

  public ObservabilityOptions() {
  }

  public ObservabilityOptions(ObservabilityOptions other) {
    this(other.toJson());
  }

  public ObservabilityOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /**
   * Applies the {@code HONOSTAR_OBSERVABILITY_*} variables ({@link #SCHEMA}), then OpenTelemetry's own: see the
   * class comment.
   */
  public ObservabilityOptions applyEnvironment(Map<String, String> env) {
    SCHEMA.applyEnvironment(this, env);
    if ("true".equalsIgnoreCase(String.valueOf(env.get("OTEL_SDK_DISABLED")).trim())) {
      otlpEndpoint = null;
    }
    for (String var : new String[] {"OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"}) {
      String protocol = blankToNull(env.get(var));
      // Spans sent as HTTP to a gRPC port would vanish without a word: refuse at startup instead.
      if (otlpEndpoint != null && protocol != null && !protocol.equals("http/protobuf")) {
        throw new IllegalArgumentException(var + "=" + protocol + " is not supported: HonoStar exports OTLP over "
          + "http/protobuf only (the collector's port 4318)");
      }
    }
    return this;
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** @return whether spans are exported: an endpoint is set */
  public boolean isTracingEnabled() {
    return otlpEndpoint != null;
  }

  public String getOtlpEndpoint() {
    return otlpEndpoint;
  }

  /**
   * The OTLP/HTTP (protobuf) endpoint, e.g. {@code http://otel-collector:4318}; spans go to its {@code /v1/traces}
   * (a URL that already ends with it is used as is). {@code null} (the default) turns tracing off.
   */
  public ObservabilityOptions setOtlpEndpoint(String otlpEndpoint) {
    this.otlpEndpoint = blankToNull(otlpEndpoint);
    return this;
  }

  public Map<String, String> getOtlpHeaders() {
    return otlpHeaders;
  }

  /** Headers sent with every export (e.g. an API key of a tracing vendor). */
  public ObservabilityOptions setOtlpHeaders(Map<String, String> otlpHeaders) {
    this.otlpHeaders = new LinkedHashMap<>(otlpHeaders);
    return this;
  }

  public String getServiceName() {
    return serviceName;
  }

  /** The {@code service.name} resource attribute of every span. */
  public ObservabilityOptions setServiceName(String serviceName) {
    this.serviceName = serviceName;
    return this;
  }

  public LogFormat getLogFormat() {
    return logFormat;
  }

  /** Plain text (the default) or one JSON object per line. */
  public ObservabilityOptions setLogFormat(LogFormat logFormat) {
    this.logFormat = java.util.Objects.requireNonNull(logFormat, "logFormat");
    return this;
  }

  public boolean isLogRoutes() {
    return logRoutes;
  }

  /** Whether the app's pages, commands and streams are logged once the router is built; on outside production. */
  public ObservabilityOptions setLogRoutes(boolean logRoutes) {
    this.logRoutes = logRoutes;
    return this;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
