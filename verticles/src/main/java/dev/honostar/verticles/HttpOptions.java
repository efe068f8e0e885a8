package dev.honostar.verticles;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The HTTP server of a {@link HonoStarVerticle}: config keys {@code http.port}, {@code http.host},
 * {@code http.eventLoops}, {@code http.shutdownGraceMillis}, variables {@code HONOSTAR_HTTP_*} (the port also
 * from {@code PORT}, as platforms set it); see docs/configuration.md.
 *
 * <pre>{@code
 * HttpOptions http = HttpOptions.load(config(), System.getenv());
 * }</pre>
 */
public class HttpOptions {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final long DEFAULT_SHUTDOWN_GRACE_MILLIS = 5_000;

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;
  private Integer eventLoops;
  private long shutdownGraceMillis = DEFAULT_SHUTDOWN_GRACE_MILLIS;

  /** Config keys {@code http.<key>} and {@code HONOSTAR_HTTP_*} variables. */
  public static final OptionsSchema<HttpOptions> SCHEMA = OptionsSchema.builder("http", HttpOptions::new)
    .integer("port", HttpOptions::getPort, HttpOptions::setPort, "Port of the app's HTTP server.")
    .fallback("PORT")
    .string("host", HttpOptions::getHost, HttpOptions::setHost, "Address the server binds.")
    .integer("eventLoops", HttpOptions::getEventLoops, HttpOptions::setEventLoops,
      "Event loops serving the app, one server each; unset: one per core, divided among the instances.")
    .docDefault("one per core")
    .millis("shutdownGraceMillis", HttpOptions::getShutdownGraceMillis, HttpOptions::setShutdownGraceMillis,
      "On stop, how long in-flight requests may take after the drain.")
    .build();

  /** The verticle's config ({@code "http.port"}, … flat keys), then the environment. */
  public static HttpOptions load(JsonObject config, Map<String, String> env) {
    JsonObject http = new JsonObject();
    if (config != null) {
      config.forEach(e -> {
        if (e.getKey().startsWith("http.")) {
          http.put(e.getKey().substring("http.".length()), e.getValue());
        }
      });
    }
    HttpOptions options = SCHEMA.fromJson(new HttpOptions(), http);
    return SCHEMA.applyEnvironment(options, env);
  }

  public int getPort() {
    return port;
  }

  public HttpOptions setPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("http.port must be a port number, got " + port);
    }
    this.port = port;
    return this;
  }

  public String getHost() {
    return host;
  }

  public HttpOptions setHost(String host) {
    this.host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
    return this;
  }

  /** @return the event loops to serve on, or {@code null} for one per core divided among the instances */
  public Integer getEventLoops() {
    return eventLoops;
  }

  public HttpOptions setEventLoops(Integer eventLoops) {
    if (eventLoops != null && eventLoops < 1) {
      throw new IllegalArgumentException("http.eventLoops must be at least 1, got " + eventLoops);
    }
    this.eventLoops = eventLoops;
    return this;
  }

  public long getShutdownGraceMillis() {
    return shutdownGraceMillis;
  }

  public HttpOptions setShutdownGraceMillis(long shutdownGraceMillis) {
    this.shutdownGraceMillis = shutdownGraceMillis;
    return this;
  }
}
