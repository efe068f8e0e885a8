package examples;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** An options class of an app, written by the recipe of docs/configuration.md (OptionsEnvironmentTest uses it). */
public class ReportOptions {

  public static final long DEFAULT_INTERVAL_MILLIS = 60_000;

  private String title = "Weekly";
  private long intervalMillis = DEFAULT_INTERVAL_MILLIS;
  private boolean enabled = true;

  public static final OptionsSchema<ReportOptions> SCHEMA = OptionsSchema.builder("report", ReportOptions::new)
    .string("title", ReportOptions::getTitle, ReportOptions::setTitle, "Title of the report.")
    .millis("intervalMillis", ReportOptions::getIntervalMillis, ReportOptions::setIntervalMillis, "How often it is sent.")
    .deprecated("HONOSTAR_REPORT_EVERY")
    .bool("enabled", ReportOptions::isEnabled, ReportOptions::setEnabled, "Whether reports are sent.")
    .build();

  public ReportOptions() {
  }

  public ReportOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  public ReportOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public String getTitle() {
    return title;
  }

  public ReportOptions setTitle(String title) {
    this.title = title;
    return this;
  }

  public long getIntervalMillis() {
    return intervalMillis;
  }

  public ReportOptions setIntervalMillis(long intervalMillis) {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("report.intervalMillis must be positive, got " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
    return this;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public ReportOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }
}
