package dev.honostar.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input did not bind or validate. Maps each field to its first message; the framework turns
 * it into a 200 reply setting the {@code errors} signal, or a redirect back for plain forms.
 */
public final class ValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final Map<String, String> errors;
  private final Map<String, String> fields;

  /**
   * @param errors field name to message
   * @param fields every field of the input, valid or not, so stale messages can be cleared
   */
  public ValidationException(Map<String, String> errors, Map<String, String> fields) {
    super("invalid input: " + errors.keySet(), null, false, false);
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public ValidationException(Map<String, String> errors) {
    this(errors, Map.of());
  }

  /** @return field name to message */
  public Map<String, String> errors() {
    return errors;
  }

  /** @return field name to the submitted value, for re-filling a form */
  public Map<String, String> fields() {
    return fields;
  }
}
