package dev.honostar.upload.impl;

/**
 * An upload the receiver refused. With a {@code field}, a form gets it as that field's error
 * (the body was read to its end, nothing of the refused file kept); without one, the request is
 * answered with {@code status} alone.
 */
public final class UploadRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  public UploadRejectedException(int status, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  /** @return the form field whose file was refused, or {@code null} */
  public String field() {
    return field;
  }
}
