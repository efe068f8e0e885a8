package dev.honostar.upload;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stored file (an upload the app kept) to serve as a download, by {@code HonoStar.download} or
 * on any vertx-web route with {@link #send(RoutingContext, Download)}: {@code Content-Disposition:
 * attachment} with the name made safe, the declared type only as a hint, {@code nosniff}, and a
 * policy that runs nothing, so a file uploaded as HTML or SVG cannot run script on this origin.
 * The file is sent from disk (zero-copy where the platform allows), not read into memory.
 *
 * <pre>{@code
 * honostar.download("/files/:id", ctx -> files.find(ctx.pathParam("id"))      // null: 404
 *     .map(f -> f == null ? null : Download.of(f.path(), f.fileName(), f.contentType())));
 * }</pre>
 */
public final class Download {

  private final Path file;
  private final String fileName;
  private final String contentType;

  private Download(Path file, String fileName, String contentType) {
    this.file = java.util.Objects.requireNonNull(file, "file");
    this.fileName = fileName;
    this.contentType = contentType;
  }

  /**
   * @param fileName the name the browser saves it as (made safe here)
   * @param contentType the type to declare, or {@code null} for {@code application/octet-stream}
   */
  public static Download of(Path file, String fileName, String contentType) {
    return new Download(file, fileName, contentType);
  }

  public Path file() {
    return file;
  }

  public String fileName() {
    return fileName;
  }

  public String contentType() {
    return contentType;
  }

  /** Sends {@code download} as the answer of {@code ctx}: an attachment, from disk. */
  public static Future<Void> send(RoutingContext ctx, Download download) {
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.CONTENT_TYPE, safeType(download.contentType))
      .putHeader("Content-Disposition", contentDisposition(download.fileName))
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
      .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    return response.sendFile(download.file.toString());
  }

  /**
   * {@code attachment; filename="..."; filename*=UTF-8''...}: an ASCII fallback without quotes,
   * backslashes or control characters, and the full name percent-encoded (RFC 6266).
   */
  public static String contentDisposition(String fileName) {
    String name = fileName == null || fileName.isBlank() ? "download" : fileName;
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** A type without line breaks or parameters other than its own; anything odd is octet-stream. */
  static String safeType(String contentType) {
    if (contentType == null || !contentType.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)?")) {
      return "application/octet-stream";
    }
    return contentType;
  }
}
