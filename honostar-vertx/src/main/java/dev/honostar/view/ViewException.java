package dev.honostar.view;

/**
 * A template could not be found, compiled or rendered. The message always names the template.
 */
public class ViewException extends RuntimeException {

  private final String templateName;

  public ViewException(String templateName, String message, Throwable cause) {
    super(message, cause);
    this.templateName = templateName;
  }

  public ViewException(String templateName, String message) {
    this(templateName, message, null);
  }

  /** @return the name of the template that failed, e.g. {@code issues/list} */
  public String templateName() {
    return templateName;
  }
}
