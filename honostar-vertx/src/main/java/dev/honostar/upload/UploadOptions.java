package dev.honostar.upload;

import dev.honostar.config.OptionsSchema;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Limits and place of file uploads: the {@code upload} section of the options, variables
 * {@code HONOSTAR_UPLOAD_*} (docs/configuration.md). A command route takes uploads only when it
 * says so with {@code on.uploads()} (these options) or {@code on.uploads(UploadOptions)} (its own);
 * see docs/uploads.md.
 *
 * <pre>{@code
 * options.getUpload()
 *     .setDirectory("/var/lib/app/uploads")
 *     .setMaxFileBytes(20 * 1024 * 1024)
 *     .setAllowedTypes(List.of("image/*", "application/pdf"));
 * }</pre>
 */
public class UploadOptions {

  /** Under the system's temporary directory, so a default app writes nowhere unexpected. */
  public static final String DEFAULT_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "honostar-uploads").toString();

  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

  public static final long DEFAULT_MAX_TOTAL_BYTES = 25L * 1024 * 1024;

  public static final int DEFAULT_MAX_FILES = 10;

  /** Empty: any declared type. */
  public static final List<String> DEFAULT_ALLOWED_TYPES = List.of();

  public static final int DEFAULT_MAX_PARALLEL_PER_CLIENT = 4;

  private String directory = DEFAULT_DIRECTORY;
  private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
  private int maxFiles = DEFAULT_MAX_FILES;
  private List<String> allowedTypes = DEFAULT_ALLOWED_TYPES;
  private int maxParallelPerClient = DEFAULT_MAX_PARALLEL_PER_CLIENT;

  /** JSON keys and {@code HONOSTAR_UPLOAD_*} variables; see docs/configuration.md. */
  public static final OptionsSchema<UploadOptions> SCHEMA = OptionsSchema.builder("upload", UploadOptions::new)
    .string("directory", UploadOptions::getDirectory, UploadOptions::setDirectory,
      "Where uploaded files are streamed while their command runs; the command moves what it keeps, the rest is deleted.")
    .docDefault("<java.io.tmpdir>/honostar-uploads")
    .longBytes("maxFileBytes", UploadOptions::getMaxFileBytes, UploadOptions::setMaxFileBytes,
      "Largest file; a larger one is a field error (413 for clients other than forms).")
    .longBytes("maxTotalBytes", UploadOptions::getMaxTotalBytes, UploadOptions::setMaxTotalBytes,
      "Largest sum of a request's files; a body beyond it (and the form fields' security.limits.maxBodyBytes) is refused with 413 without being read further.")
    .integer("maxFiles", UploadOptions::getMaxFiles, UploadOptions::setMaxFiles, "Most files in one request.")
    .list("allowedTypes", UploadOptions::getAllowedTypes, UploadOptions::setAllowedTypes,
      "Content types a file may declare (image/png, image/*); empty: any. Another type is a field error (415 for clients other than forms).")
    .integer("maxParallelPerClient", UploadOptions::getMaxParallelPerClient, UploadOptions::setMaxParallelPerClient,
      "Uploads one client (session, else address) may have in progress at once on a node; more get 429.")
    .build();

  public UploadOptions() {
  }

  public UploadOptions(UploadOptions other) {
    this(other.toJson());
  }

  public UploadOptions(JsonObject json) {
    SCHEMA.fromJson(this, json);
  }

  public JsonObject toJson() {
    return SCHEMA.toJson(this);
  }

  /** Applies the {@code HONOSTAR_UPLOAD_*} variables that are set. */
  public UploadOptions applyEnvironment(Map<String, String> env) {
    return SCHEMA.applyEnvironment(this, env);
  }

  public String getDirectory() {
    return directory;
  }

  /** Where uploaded files are streamed while their command runs; made at start when missing. */
  public UploadOptions setDirectory(String directory) {
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException("upload.directory must not be blank");
    }
    this.directory = directory;
    return this;
  }

  public long getMaxFileBytes() {
    return maxFileBytes;
  }

  /** Largest file; a larger one is a field error (413 for clients other than forms). */
  public UploadOptions setMaxFileBytes(long maxFileBytes) {
    this.maxFileBytes = positive("upload.maxFileBytes", maxFileBytes);
    return this;
  }

  public long getMaxTotalBytes() {
    return maxTotalBytes;
  }

  /** Largest sum of a request's files; beyond it (plus the form fields' body limit) the request is cut off with 413. */
  public UploadOptions setMaxTotalBytes(long maxTotalBytes) {
    this.maxTotalBytes = positive("upload.maxTotalBytes", maxTotalBytes);
    return this;
  }

  public int getMaxFiles() {
    return maxFiles;
  }

  /** Most files in one request. */
  public UploadOptions setMaxFiles(int maxFiles) {
    this.maxFiles = (int) positive("upload.maxFiles", maxFiles);
    return this;
  }

  public List<String> getAllowedTypes() {
    return allowedTypes;
  }

  /** Content types a file may declare ({@code image/png}, {@code image/*}); empty: any. */
  public UploadOptions setAllowedTypes(List<String> allowedTypes) {
    this.allowedTypes = allowedTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    return this;
  }

  /** Whether a file declaring {@code contentType} may be stored (parameters such as {@code ;charset} are ignored). */
  public boolean allows(String contentType) {
    if (allowedTypes.isEmpty()) {
      return true;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    int semi = type.indexOf(';');
    type = (semi >= 0 ? type.substring(0, semi) : type).trim();
    for (String allowed : allowedTypes) {
      if (allowed.equals(type) || allowed.equals("*/*")
        || allowed.endsWith("/*") && type.startsWith(allowed.substring(0, allowed.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  public int getMaxParallelPerClient() {
    return maxParallelPerClient;
  }

  /** Uploads one client may have in progress at once on a node; more get 429. */
  public UploadOptions setMaxParallelPerClient(int maxParallelPerClient) {
    this.maxParallelPerClient = (int) positive("upload.maxParallelPerClient", maxParallelPerClient);
    return this;
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
