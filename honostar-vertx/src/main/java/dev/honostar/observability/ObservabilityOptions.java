package dev.honostar.observability;

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

  public static final String ENV_ENDPOINT = "HONOSTAR_OTEL_ENDPOINT";
  public static final String ENV_LOG_FORMAT = "HONOSTAR_LOG_FORMAT";
  public static final String DEFAULT_SERVICE_NAME = "honostar";
  public static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;

  private String otlpEndpoint;
  private Map<String, String> otlpHeaders = new LinkedHashMap<>();
  private String serviceName = DEFAULT_SERVICE_NAME;
  private LogFormat logFormat = DEFAULT_LOG_FORMAT;

  public ObservabilityOptions() {
  }

  public ObservabilityOptions(ObservabilityOptions other) {
    this(other.toJson());
  }

  public ObservabilityOptions(JsonObject json) {
    otlpEndpoint = blankToNull(json.getString("otlpEndpoint"));
    JsonObject headers = json.getJsonObject("otlpHeaders", new JsonObject());
    headers.forEach(e -> otlpHeaders.put(e.getKey(), String.valueOf(e.getValue())));
    serviceName = json.getString("serviceName", DEFAULT_SERVICE_NAME);
    logFormat = LogFormat.parse(json.getString("logFormat", DEFAULT_LOG_FORMAT.name()));
  }

  /** Applies the variables listed above; unset ones leave the current values. */
  public ObservabilityOptions applyEnvironment(Map<String, String> env) {
    String endpoint = blankToNull(env.get(ENV_ENDPOINT));
    if (endpoint == null) {
      endpoint = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
    if (endpoint != null) {
      otlpEndpoint = endpoint;
    }
    String headers = blankToNull(env.get("OTEL_EXPORTER_OTLP_HEADERS"));
    if (headers != null) {
      for (String pair : headers.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          otlpHeaders.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }
    String name = blankToNull(env.get("OTEL_SERVICE_NAME"));
    if (name != null) {
      serviceName = name;
    }
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
    String format = blankToNull(env.get(ENV_LOG_FORMAT));
    if (format != null) {
      try {
        logFormat = LogFormat.parse(format);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ENV_LOG_FORMAT + ": " + e.getMessage(), e);
      }
    }
    return this;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("otlpHeaders", new JsonObject(new LinkedHashMap<>(otlpHeaders)))
      .put("serviceName", serviceName)
      .put("logFormat", logFormat.name().toLowerCase(java.util.Locale.ROOT));
    if (otlpEndpoint != null) {
      json.put("otlpEndpoint", otlpEndpoint);
    }
    return json;
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

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
