package dev.honostar.protocol;

/**
 * Signals could not be read: malformed JSON ({@code 400}), a body over the limit
 * ({@code 413}) or an unsupported content type ({@code 415}). The message is safe to show.
 */
public class SignalsException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int statusCode;

  public SignalsException(int statusCode, String message) {
    super(message, null, false, false);
    this.statusCode = statusCode;
  }

  /** @return the HTTP status to answer with */
  public int statusCode() {
    return statusCode;
  }
}
