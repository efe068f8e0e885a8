package dev.honostar.upload;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Serves a stored file (an upload the app kept) as a download: {@code Content-Disposition:
 * attachment} with the name made safe, the declared type only as a hint, {@code nosniff}, and a
 * policy that runs nothing, so a file uploaded as HTML or SVG cannot run script on this origin.
 * The file is sent from disk (zero-copy where the platform allows), not read into memory.
 *
 * <pre>{@code
 * router.get("/files/:id").handler(ctx -> attachments.find(ctx.pathParam("id"))
 *     .compose(a -> Download.send(ctx, a.path(), a.fileName(), a.contentType())));
 * }</pre>
 */
public final class Download {

  private Download() {
  }

  /**
   * Sends {@code file} as an attachment named {@code fileName}.
   *
   * @param contentType the type to declare, or {@code null} for {@code application/octet-stream}
   */
  public static Future<Void> send(RoutingContext ctx, Path file, String fileName, String contentType) {
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.CONTENT_TYPE, safeType(contentType))
      .putHeader("Content-Disposition", contentDisposition(fileName))
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
      .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    return response.sendFile(file.toString());
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
