package dev.honostar.observability;

/**
 * How the framework writes its request and live-stream log lines.
 *
 * <pre>{@code
 * options.getObservability().setLogFormat(LogFormat.JSON); // or HONOSTAR_OBSERVABILITY_LOG_FORMAT=json
 * }</pre>
 */
public enum LogFormat {
  /** Plain text for people: {@code GET /board 200 12ms}. The default. */
  TEXT,
  /** One JSON object per line for log pipelines, with the request id and the trace ids. */
  JSON;

  /**
   * @return the format named {@code value} ({@code text} or {@code json}, any case)
   * @throws IllegalArgumentException naming the accepted values otherwise
   */
  public static LogFormat parse(String value) {
    for (LogFormat f : values()) {
      if (f.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("Unknown log format '" + value + "' (expected text or json)");
  }
}
