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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds signals or form fields to records with Jackson and validates them with Hibernate
 * Validator. Built once per app: both are expensive to create and thread-safe to use.
 *
 * <p>Before binding, a value with control characters is a field error ({@link InputText}); and
 * {@code @NotBlank} treats text made only of invisible characters as blank.
 */
final class InputBinder implements AutoCloseable {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InputBinder.class);

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
    List<String> known = fieldNames(type);
    if (log.isDebugEnabled()) {
      // Framework fields (_csrf, _form) and unknown ones are not part of the input.
      submitted.keySet().stream().filter(name -> !name.startsWith("_") && !known.contains(name))
        .forEach(name -> log.debug("Ignoring field '{}': {} has no such property", name, type.getSimpleName()));
    }
    Map<String, String> knownRefused = known(refused, known);
    if (!knownRefused.isEmpty()) {
      throw new ValidationException(knownRefused, fields(known, submitted));
    }
    T value;
    try {
      value = mapper.convertValue(signals.getMap(), type);
    } catch (IllegalArgumentException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      String field = e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()
        ? jme.getPath().get(0).getFieldName() : "_";
      errors.put(field == null ? "_" : field, "has the wrong format");
      throw new ValidationException(errors, fields(known, submitted));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConstraintViolation<T> v : validator.validate(value)) {
      String path = v.getPropertyPath().toString();
      errors.putIfAbsent(path.isEmpty() ? "_" : path, v.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors, fields(known, submitted));
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

  /**
   * Every field of the input, submitted or not, so a reply can clear the messages of fields
   * that are valid now; never a field the type does not have (an answer echoing unknown names
   * would show them as fields of the form).
   */
  private static Map<String, String> fields(List<String> known, Map<String, String> submitted) {
    Map<String, String> all = new LinkedHashMap<>();
    for (String name : known) {
      all.put(name, submitted.getOrDefault(name, ""));
    }
    return all;
  }

  /** Refusals of fields the type has; the others are ignored like their values. */
  private static Map<String, String> known(Map<String, String> refused, List<String> known) {
    Map<String, String> kept = new LinkedHashMap<>();
    refused.forEach((name, message) -> {
      if (known.contains(name)) {
        kept.put(name, message);
      }
    });
    return kept;
  }

  /** @return the names of the properties {@code type} binds: a record's components in order, else Jackson's view of the bean */
  List<String> fieldNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    if (type.isRecord()) {
      for (var c : type.getRecordComponents()) {
        names.add(c.getName());
      }
      return names;
    }
    mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties().forEach(p -> names.add(p.getName()));
    return names;
  }

  @Override
  public void close() {
    factory.close();
  }
}
