package dev.honostar.impl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.honostar.command.ValidationException;
import io.vertx.core.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds signals or form fields to records with Jackson and validates them with Hibernate
 * Validator. Built once per app: both are expensive to create and thread-safe to use.
 *
 * <p>Before binding, a value with control characters is a field error ({@link InputText}); and
 * {@code @NotBlank} treats text made only of invisible characters as blank.
 */
final class InputBinder implements AutoCloseable {

  private final ObjectMapper mapper = JsonMapper.builder()
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
    .findAndAddModules()
    .build();
  private final ValidatorFactory factory = validatorFactory();
  private final Validator validator = factory.getValidator();

  private static ValidatorFactory validatorFactory() {
    HibernateValidatorConfiguration config = Validation.byProvider(HibernateValidator.class).configure();
    ConstraintMapping mapping = config.createConstraintMapping();
    mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false).validatedBy(VisibleTextValidator.class);
    return config.addMapping(mapping).buildValidatorFactory();
  }

  <T> T bind(JsonObject signals, Class<T> type) {
    Map<String, String> submitted = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    signals.forEach(e -> {
      if (e.getValue() == null || e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean) {
        // Never echo control characters back into a form.
        submitted.put(e.getKey(), e.getValue() == null ? "" : InputText.withoutControl(String.valueOf(e.getValue())));
      }
      if (containsControl(e.getValue())) {
        refused.put(e.getKey(), InputText.CONTROL_MESSAGE);
      }
    });
    if (!refused.isEmpty()) {
      throw new ValidationException(refused, fields(type, submitted));
    }
    T value;
    try {
      value = mapper.convertValue(signals.getMap(), type);
    } catch (IllegalArgumentException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      String field = e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()
        ? jme.getPath().get(0).getFieldName() : "_";
      errors.put(field == null ? "_" : field, "has the wrong format");
      throw new ValidationException(errors, fields(type, submitted));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConstraintViolation<T> v : validator.validate(value)) {
      String path = v.getPropertyPath().toString();
      errors.putIfAbsent(path.isEmpty() ? "_" : path, v.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors, fields(type, submitted));
    }
    return value;
  }

  /** Whether a signal value, or any string nested in it, holds a control character. */
  private static boolean containsControl(Object value) {
    if (value instanceof String s) {
      return InputText.hasControl(s);
    }
    if (value instanceof JsonObject o) {
      return o.getMap().keySet().stream().anyMatch(InputText::hasControl) || o.stream().anyMatch(e -> containsControl(e.getValue()));
    }
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream().anyMatch(e -> containsControl(e.getKey()) || containsControl(e.getValue()));
    }
    if (value instanceof Iterable<?> list) {
      for (Object item : list) {
        if (containsControl(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every component of a record, so a reply can clear the messages of fields that are valid now. */
  private static Map<String, String> fields(Class<?> type, Map<String, String> submitted) {
    Map<String, String> all = new LinkedHashMap<>();
    if (type.isRecord()) {
      for (var c : type.getRecordComponents()) {
        all.put(c.getName(), submitted.getOrDefault(c.getName(), ""));
      }
    }
    submitted.forEach(all::putIfAbsent);
    return all;
  }

  @Override
  public void close() {
    factory.close();
  }
}
