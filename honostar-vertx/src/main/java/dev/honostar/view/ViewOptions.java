package dev.honostar.view;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/**
 * Options of the {@link ViewEngine} and the {@link AssetHandler}.
 *
 * <pre>{@code
 * ViewOptions options = new ViewOptions()
 *     .setTemplatesRoot("templates/")          // classpath, production
 *     .applyEnvironment(System.getenv());      // HONOSTAR_VIEW_DEV=true, HONOSTAR_VIEW_TEMPLATES_DIR=src/main/resources/templates
 * }</pre>
 */
public class ViewOptions {

  /** Classpath folder holding the app's {@code .hbs} templates. */
  public static final String DEFAULT_TEMPLATES_ROOT = "templates/";
  /** Template file extension. */
  public static final String EXTENSION = ".hbs";
  /** In development, how often (ms) the templates folder is checked for changed files. */
  public static final long DEFAULT_RELOAD_INTERVAL = 500;
  /** URL prefix the {@link AssetHandler} is mounted at (with a trailing {@code *}). */
  public static final String DEFAULT_ASSETS_PATH = "/_/assets/";
  /** Classpath folder holding the app's own static assets. */
  public static final String DEFAULT_ASSETS_ROOT = "assets/";
  /** Datastar runtime served from the jsDelivr CDN. */
  public static final String DEFAULT_DATASTAR_SRC =
      "https://cdn.jsdelivr.net/gh/starfederation/datastar@v1.0.2/bundles/datastar.js";
  /** Subresource integrity of {@link #DEFAULT_DATASTAR_SRC}. */
  public static final String DEFAULT_DATASTAR_INTEGRITY =
      "sha384-SnyFlWTdFL3c8+9/1WsPuMFBq6AQOGC1LmS9upY4YkM3En3wZr5q2UvydHaMgOVG";
  /**
   * Asset name of a self-hosted Datastar runtime ({@link #setDatastarFile(String)}): served like the
   * framework's own assets, at {@code /_/assets/honostar/datastar.<hash>.js}.
   */
  public static final String SELF_HOSTED_DATASTAR = "honostar/datastar.js";
  /** Whether {@code renderRegion} checks that the output's root element carries an id. */
  public static final boolean DEFAULT_CHECK_REGIONS = true;
  /** Off unless turned on: {@code HonoStarOptions} turns it on outside production. */
  public static final boolean DEFAULT_SHOW_ERROR_DETAILS = false;

  private boolean dev;
  private String templatesRoot = DEFAULT_TEMPLATES_ROOT;
  private String templatesDir;
  private long reloadInterval = DEFAULT_RELOAD_INTERVAL;
  private String assetsPath = DEFAULT_ASSETS_PATH;
  private String assetsRoot = DEFAULT_ASSETS_ROOT;
  private String assetsDir;
  private String datastarSrc = DEFAULT_DATASTAR_SRC;
  private String datastarIntegrity;
  private String datastarFile;
  private boolean checkRegions = DEFAULT_CHECK_REGIONS;
  private boolean showErrorDetails = DEFAULT_SHOW_ERROR_DETAILS;

  /** JSON keys and {@code HONOSTAR_VIEW_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<ViewOptions> SCHEMA = OptionsSchema.builder("view", ViewOptions::new)
    .bool("dev", ViewOptions::isDev, ViewOptions::setDev,
      "Development mode: templates reloaded when they change.")
    .deprecated("HONOSTAR_DEV").docDefault("true unless production")
    .string("templatesRoot", ViewOptions::getTemplatesRoot, ViewOptions::setTemplatesRoot, "Classpath folder of the app's templates.")
    .string("templatesDir", ViewOptions::getTemplatesDir, ViewOptions::setTemplatesDir,
      "Filesystem folder of the app's templates; replaces templatesRoot.")
    .deprecated("HONOSTAR_TEMPLATES_DIR")
    .millis("reloadInterval", ViewOptions::getReloadInterval, ViewOptions::setReloadInterval,
      "How often a dev engine checks template modification times.")
    .string("assetsPath", ViewOptions::getAssetsPath, ViewOptions::setAssetsPath, "URL prefix of the asset handler.")
    .string("assetsRoot", ViewOptions::getAssetsRoot, ViewOptions::setAssetsRoot, "Classpath folder of the app's own assets.")
    .string("assetsDir", ViewOptions::getAssetsDir, ViewOptions::setAssetsDir,
      "Filesystem folder of the app's own assets; replaces assetsRoot.")
    .deprecated("HONOSTAR_ASSETS_DIR")
    .string("datastarSrc", ViewOptions::getDatastarSrc, ViewOptions::setDatastarSrc, "URL of the Datastar runtime.")
    .deprecated("HONOSTAR_DATASTAR_SRC")
    .string("datastarIntegrity", ViewOptions::getDatastarIntegrity, ViewOptions::setDatastarIntegrity,
      "SRI hash of datastarSrc; unset: the known hash for the default URL, none for others.")
    .deprecated("HONOSTAR_DATASTAR_INTEGRITY")
    .string("datastarFile", ViewOptions::getDatastarFile, ViewOptions::setDatastarFile,
      "Self-host the runtime: this file, served as a hashed immutable asset, replaces datastarSrc on every page.")
    .deprecated("HONOSTAR_DATASTAR_JS")
    .bool("checkRegions", ViewOptions::isCheckRegions, ViewOptions::setCheckRegions,
      "Whether renderRegion fails when the output's root element has no id.")
    .bool("showErrorDetails", ViewOptions::isShowErrorDetails, ViewOptions::setShowErrorDetails,
      "500 answers show the exception's message, its stack and the request (a development page); off, only the status and a request id.")
    .docDefault("true unless production")
    .build();

  public ViewOptions() {
  }

  public ViewOptions(ViewOptions other) {
    this(other.toJson());
  }

  public ViewOptions(JsonObject json) {
    this();
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /**
   * Overrides options from the {@code HONOSTAR_VIEW_*} variables that are set, e.g.
   * {@code HONOSTAR_VIEW_DEV=true}, {@code HONOSTAR_VIEW_TEMPLATES_DIR=src/main/resources/templates},
   * {@code HONOSTAR_VIEW_DATASTAR_FILE} (the {@link #setDatastarFile(String) self-hosted runtime}); see
   * docs/configuration.md. The old names ({@code HONOSTAR_DEV}, {@code HONOSTAR_DATASTAR_JS}, …) still work.
   *
   * @throws IllegalArgumentException naming the variable, when one is malformed or unknown
   */
  public ViewOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public boolean isDev() {
    return dev;
  }

  /** Development mode: templates under {@link #getTemplatesDir()} are reloaded when they change. */
  public ViewOptions setDev(boolean dev) {
    this.dev = dev;
    return this;
  }

  public String getTemplatesRoot() {
    return templatesRoot;
  }

  /** Classpath folder of the app's templates, default {@value #DEFAULT_TEMPLATES_ROOT}. */
  public ViewOptions setTemplatesRoot(String templatesRoot) {
    this.templatesRoot = Objects.requireNonNull(templatesRoot);
    return this;
  }

  public String getTemplatesDir() {
    return templatesDir;
  }

  /** Filesystem folder of the app's templates; when set it replaces {@link #getTemplatesRoot()}. */
  public ViewOptions setTemplatesDir(String templatesDir) {
    this.templatesDir = templatesDir;
    return this;
  }

  public long getReloadInterval() {
    return reloadInterval;
  }

  /** How often (ms) a dev engine checks file modification times; default {@value #DEFAULT_RELOAD_INTERVAL}. */
  public ViewOptions setReloadInterval(long reloadInterval) {
    if (reloadInterval < 1) throw new IllegalArgumentException("reloadInterval must be >= 1");
    this.reloadInterval = reloadInterval;
    return this;
  }

  public String getAssetsPath() {
    return assetsPath;
  }

  /** URL prefix of the asset handler, with leading and trailing slash; default {@value #DEFAULT_ASSETS_PATH}. */
  public ViewOptions setAssetsPath(String assetsPath) {
    String p = Objects.requireNonNull(assetsPath);
    if (!p.startsWith("/")) p = "/" + p;
    if (!p.endsWith("/")) p = p + "/";
    this.assetsPath = p;
    return this;
  }

  public String getAssetsRoot() {
    return assetsRoot;
  }

  /** Classpath folder of the app's own assets; default {@value #DEFAULT_ASSETS_ROOT}. */
  public ViewOptions setAssetsRoot(String assetsRoot) {
    this.assetsRoot = Objects.requireNonNull(assetsRoot);
    return this;
  }

  public String getAssetsDir() {
    return assetsDir;
  }

  /** Filesystem folder of the app's own assets; when set it replaces {@link #getAssetsRoot()}. */
  public ViewOptions setAssetsDir(String assetsDir) {
    this.assetsDir = assetsDir;
    return this;
  }

  public String getDatastarSrc() {
    return datastarSrc;
  }

  /** Default URL of the Datastar runtime (a page's {@code @datastarSrc} data wins). */
  public ViewOptions setDatastarSrc(String datastarSrc) {
    this.datastarSrc = Objects.requireNonNull(datastarSrc);
    return this;
  }

  public String getDatastarIntegrity() {
    return datastarIntegrity;
  }

  /**
   * SRI hash for {@link #getDatastarSrc()}. When {@code null} (the default) the known hash is used
   * for the default CDN URL and no integrity attribute is written for any other (self-hosted) URL.
   */
  public ViewOptions setDatastarIntegrity(String datastarIntegrity) {
    this.datastarIntegrity = datastarIntegrity;
    return this;
  }

  public String getDatastarFile() {
    return datastarFile;
  }

  /**
   * Self-hosts the Datastar runtime: the file at this path is read at startup and served like the
   * framework's own assets, under a content-hashed name ({@value #SELF_HOSTED_DATASTAR} becomes
   * {@code /_/assets/honostar/datastar.<hash>.js}, {@code Cache-Control: immutable}), and every
   * page, error pages included, loads it from there instead of {@link #getDatastarSrc()}. For
   * deployments without access to the CDN. {@code null} (the default) loads it from
   * {@link #getDatastarSrc()}.
   */
  public ViewOptions setDatastarFile(String datastarFile) {
    this.datastarFile = datastarFile == null || datastarFile.isBlank() ? null : datastarFile;
    return this;
  }

  public boolean isCheckRegions() {
    return checkRegions;
  }

  /** Whether {@code renderRegion} fails when the output's root element has no {@code id}. */
  public ViewOptions setCheckRegions(boolean checkRegions) {
    this.checkRegions = checkRegions;
    return this;
  }

  public boolean isShowErrorDetails() {
    return showErrorDetails;
  }

  /**
   * Whether a 500 answer shows the exception's message, its stack and the request (the development error
   * page); off, it shows the status and the request id the log line carries. {@code HonoStarOptions} turns
   * it on outside production and off in production.
   */
  public ViewOptions setShowErrorDetails(boolean showErrorDetails) {
    this.showErrorDetails = showErrorDetails;
    return this;
  }
}
