package dev.honostar.security;

/**
 * A topic token was refused. The message names the {@link Reason} only: it never echoes the token,
 * its contents or any secret, so it may be logged or shown.
 *
 * <pre>{@code
 * try {
 *   TopicGrant grant = tokens.verify(token, session.id());
 * } catch (TokenRejectedException e) {
 *   ctx.response().setStatusCode(e.reason() == Reason.EXPIRED ? 401 : 403).end(e.getMessage());
 * }
 * }</pre>
 */
public class TokenRejectedException extends RuntimeException {

  /** Why a token was refused. */
  public enum Reason {
    /** Not a token of ours: wrong shape, bad encoding, too long, unknown version. */
    MALFORMED("malformed topic token"),
    /** Well-formed but not signed by the current or the previous secret (or altered). */
    BAD_SIGNATURE("topic token signature does not match"),
    /** Genuine but past its expiry; the page should fetch a fresh one. */
    EXPIRED("topic token expired"),
    /** Genuine but issued to another session or tab. */
    WRONG_SUBJECT("topic token was issued to another subject"),
    /** Genuine but carries more topics than this server allows. */
    TOO_MANY_TOPICS("topic token carries more topics than security.token.maxTopics"),
    /** Genuine but carries a larger view (URL parameters, viewer key) than this server allows. */
    VIEW_TOO_LARGE("topic token carries a view larger than security.token.maxViewBytes");

    private final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason) {
    // No stack trace: rejections are routine, attacker-triggered and cheap to produce.
    super(reason.message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
