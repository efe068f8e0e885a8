package dev.honostar.protocol;

/** A client stopped reading long enough that its stream was closed to bound memory. */
public class SlowConsumerException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public SlowConsumerException(String message) {
    super(message);
  }
}
