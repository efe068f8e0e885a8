package dev.honostar.security;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Request, stream and command limits, and the HTTP server settings they need: the {@code security.limits} section of the options, variables
 * {@code HONOSTAR_SECURITY_LIMITS_*} (docs/configuration.md).
 *
 * <pre>{@code
 * new HonoStarOptions().getSecurity().getLimits()
 *     .setMaxBodyBytes(4 * 1024 * 1024);
 * }</pre>
 */
public class LimitsOptions {

  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public static final int DEFAULT_MAX_HEADER_SIZE = 8192;

  /** Larger than Vert.x's 4096 so that a topic token fits into an SSE URL. */
  public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 8192;

  public static final int DEFAULT_MAX_STREAMS_PER_SESSION = 16;

  public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 128;

  public static final double DEFAULT_COMMAND_RATE_PER_SECOND = 20.0;

  public static final int DEFAULT_COMMAND_BURST = 40;

  /** Cleartext HTTP/2 (h2c, by {@code Upgrade} or prior knowledge): off, see {@link #setHttp2ClearText(boolean)}. */
  public static final boolean DEFAULT_HTTP2_CLEAR_TEXT = false;

  /** Seconds a connection may stay without any traffic; live streams send a heartbeat every 15 s. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

  private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
  private int maxInitialLineLength = DEFAULT_MAX_INITIAL_LINE_LENGTH;
  private int maxStreamsPerSession = DEFAULT_MAX_STREAMS_PER_SESSION;
  private int maxStreamsPerAddress = DEFAULT_MAX_STREAMS_PER_ADDRESS;
  private double commandRatePerSecond = DEFAULT_COMMAND_RATE_PER_SECOND;
  private int commandBurst = DEFAULT_COMMAND_BURST;
  private boolean http2ClearText = DEFAULT_HTTP2_CLEAR_TEXT;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;

  /** JSON keys and {@code HONOSTAR_SECURITY_LIMITS_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<LimitsOptions> SCHEMA = OptionsSchema.builder("limits", LimitsOptions::new)
    .longBytes("maxBodyBytes", LimitsOptions::getMaxBodyBytes, LimitsOptions::setMaxBodyBytes, "Largest request body; larger ones get 413.")
    .deprecated("HONOSTAR_MAX_BODY_BYTES")
    .integer("maxHeaderSize", LimitsOptions::getMaxHeaderSize, LimitsOptions::setMaxHeaderSize, "Largest total size of the request headers; larger gets 431 from Vert.x.")
    .deprecated("HONOSTAR_MAX_HEADER_SIZE")
    .integer("maxInitialLineLength", LimitsOptions::getMaxInitialLineLength, LimitsOptions::setMaxInitialLineLength, "Longest request line (method, URL, version); longer gets 414 from Vert.x.")
    .deprecated("HONOSTAR_MAX_INITIAL_LINE_LENGTH")
    .integer("maxStreamsPerSession", LimitsOptions::getMaxStreamsPerSession, LimitsOptions::setMaxStreamsPerSession, "Most open SSE streams of one session (tabs of one browser).")
    .deprecated("HONOSTAR_MAX_STREAMS_PER_SESSION")
    .integer("maxStreamsPerAddress", LimitsOptions::getMaxStreamsPerAddress, LimitsOptions::setMaxStreamsPerAddress, "Most open SSE streams from one client address (an office behind NAT shares one).")
    .deprecated("HONOSTAR_MAX_STREAMS_PER_ADDRESS")
    .decimal("commandRatePerSecond", LimitsOptions::getCommandRatePerSecond, LimitsOptions::setCommandRatePerSecond, "Sustained commands per second per session (or address) of the token-bucket limiter.")
    .deprecated("HONOSTAR_COMMAND_RATE_PER_SECOND")
    .integer("commandBurst", LimitsOptions::getCommandBurst, LimitsOptions::setCommandBurst, "Commands allowed at once before the rate applies (the bucket size).")
    .deprecated("HONOSTAR_COMMAND_BURST")
    .bool("http2ClearText", LimitsOptions::isHttp2ClearText, LimitsOptions::setHttp2ClearText, "Whether #applyTo(HttpServerOptions) leaves cleartext HTTP/2 (h2c) on. Off by default: a proxy that forwards Upgrade: h2c would let a client tunnel past the proxy's path rules. Turn on only when the proxy in front speaks h2c to the app on purpose.")
    .deprecated("HONOSTAR_HTTP2_CLEAR_TEXT")
    .intSeconds("idleTimeoutSeconds", LimitsOptions::getIdleTimeoutSeconds, LimitsOptions::setIdleTimeoutSeconds, "Seconds a connection may go without reading or writing a byte before the server closes it: half-sent requests and idle keep-alive connections. Live streams write a heartbeat every live.heartbeatMillis (15 s), so keep this well above it.")
    .deprecated("HONOSTAR_IDLE_TIMEOUT_SECONDS")
    .build();

  public LimitsOptions() {
  }

  public LimitsOptions(LimitsOptions other) {
    this(other.toJson());
  }

  public LimitsOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  /**
   * Sets {@code maxHeaderSize} and {@code maxInitialLineLength} on the server (Vert.x then answers
   * oversized requests itself, before any handler runs: 414 for a long request line, 431 for large
   * headers), turns cleartext HTTP/2 off unless {@code http2ClearText} is on, and closes
   * connections idle for {@code idleTimeoutSeconds}.
   */
  public void applyTo(HttpServerOptions serverOptions) {
    serverOptions.setMaxHeaderSize(maxHeaderSize);
    serverOptions.setMaxInitialLineLength(maxInitialLineLength);
    // h2c lets a client switch protocols behind a proxy that only inspected the HTTP/1.1 request.
    serverOptions.setHttp2ClearTextEnabled(http2ClearText);
    serverOptions.setIdleTimeout(idleTimeoutSeconds);
    serverOptions.setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_SECURITY_LIMITS_*} variables that are set. */
  public LimitsOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env, "HONOSTAR_SECURITY_LIMITS_");
  }

  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /** Largest request body; larger ones get 413. */
  public LimitsOptions setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = Checks.positive("limits.maxBodyBytes", maxBodyBytes);
    return this;
  }

  public int getMaxHeaderSize() {
    return maxHeaderSize;
  }

  /** Largest total size of the request headers; larger gets 431 from Vert.x. */
  public LimitsOptions setMaxHeaderSize(int maxHeaderSize) {
    this.maxHeaderSize = Checks.positive("limits.maxHeaderSize", maxHeaderSize);
    return this;
  }

  public int getMaxInitialLineLength() {
    return maxInitialLineLength;
  }

  /** Longest request line (method, URL, version); longer gets 414 from Vert.x. */
  public LimitsOptions setMaxInitialLineLength(int maxInitialLineLength) {
    this.maxInitialLineLength = Checks.positive("limits.maxInitialLineLength", maxInitialLineLength);
    return this;
  }

  public int getMaxStreamsPerSession() {
    return maxStreamsPerSession;
  }

  /** Most open SSE streams of one session (tabs of one browser). */
  public LimitsOptions setMaxStreamsPerSession(int maxStreamsPerSession) {
    this.maxStreamsPerSession = Checks.positive("limits.maxStreamsPerSession", maxStreamsPerSession);
    return this;
  }

  public int getMaxStreamsPerAddress() {
    return maxStreamsPerAddress;
  }

  /** Most open SSE streams from one client address (an office behind NAT shares one). */
  public LimitsOptions setMaxStreamsPerAddress(int maxStreamsPerAddress) {
    this.maxStreamsPerAddress = Checks.positive("limits.maxStreamsPerAddress", maxStreamsPerAddress);
    return this;
  }

  public double getCommandRatePerSecond() {
    return commandRatePerSecond;
  }

  /** Sustained commands per second per session (or address) of the token-bucket limiter. */
  public LimitsOptions setCommandRatePerSecond(double commandRatePerSecond) {
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
  public LimitsOptions setCommandBurst(int commandBurst) {
    this.commandBurst = Checks.positive("limits.commandBurst", commandBurst);
    return this;
  }

  public boolean isHttp2ClearText() {
    return http2ClearText;
  }

  /**
   * Whether {@link #applyTo(HttpServerOptions)} leaves cleartext HTTP/2 (h2c) on. Off by default:
   * a proxy that forwards {@code Upgrade: h2c} would let a client tunnel past the proxy's path
   * rules. Turn on only when the proxy in front speaks h2c to the app on purpose.
   */
  public LimitsOptions setHttp2ClearText(boolean http2ClearText) {
    this.http2ClearText = http2ClearText;
    return this;
  }

  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  /**
   * Seconds a connection may go without reading or writing a byte before the server closes it:
   * half-sent requests and idle keep-alive connections. Live streams write a heartbeat every
   * {@code live.heartbeatMillis} (15 s), so keep this well above it.
   */
  public LimitsOptions setIdleTimeoutSeconds(int idleTimeoutSeconds) {
    this.idleTimeoutSeconds = Checks.positive("limits.idleTimeoutSeconds", idleTimeoutSeconds);
    return this;
  }
}
