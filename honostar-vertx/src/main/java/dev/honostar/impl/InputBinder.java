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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds signals or form fields to records with Jackson and validates them with Hibernate
 * Validator. Built once per app: both are expensive to create and thread-safe to use.
 */
final class InputBinder implements AutoCloseable {

  private final ObjectMapper mapper = JsonMapper.builder()
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
    .findAndAddModules()
    .build();
  private final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
  private final Validator validator = factory.getValidator();

  <T> T bind(JsonObject signals, Class<T> type) {
    Map<String, String> submitted = new LinkedHashMap<>();
    signals.forEach(e -> {
      if (e.getValue() == null || e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean) {
        submitted.put(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue()));
      }
    });
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
