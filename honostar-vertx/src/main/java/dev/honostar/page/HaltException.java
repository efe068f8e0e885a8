package dev.honostar.page;

/**
 * Stops a loader (or a command) early with a redirect or an error status. Carries no stack
 * trace: it is control flow, not a failure.
 *
 * <pre>{@code
 * if (user == null) throw HaltException.redirect("/login");
 * return issue.orElseThrow(HaltException::notFound);
 * }</pre>
 */
public final class HaltException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String location;

  private HaltException(int status, String location, String message) {
    super(message, null, false, false);
    this.status = status;
    this.location = location;
  }

  /** A redirect (303 See Other) to {@code href}, a path on this site. */
  public static HaltException redirect(String href) {
    if (href == null || !href.startsWith("/") || href.startsWith("//") || href.startsWith("/\\") || href.indexOf('\r') >= 0 || href.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("redirect target must be a path on this site, e.g. /login");
    }
    return new HaltException(303, href, "redirect to " + href);
  }

  /** A 404 Not Found. */
  public static HaltException notFound() {
    return new HaltException(404, null, "Not Found");
  }

  /** A 403 Forbidden with a message safe to show. */
  public static HaltException forbidden(String message) {
    return new HaltException(403, null, message);
  }

  /** Any status with a message safe to show. */
  public static HaltException status(int status, String message) {
    return new HaltException(status, null, message);
  }

  public int status() {
    return status;
  }

  /** @return the redirect target, or {@code null} */
  public String location() {
    return location;
  }
}
