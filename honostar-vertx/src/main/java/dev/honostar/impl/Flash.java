package dev.honostar.impl;

import io.vertx.ext.web.Session;

import java.util.Map;

/** Values kept in the session for exactly the next page render (form errors after a redirect). */
final class Flash {

  static final String ERRORS = "honostar.flash.errors";
  static final String INPUT = "honostar.flash.input";
  /** The key of the form the errors belong to ({@code @flashForm}), when it named one. */
  static final String FORM = "honostar.flash.form";

  private Flash() {
  }

  static void put(Session session, Map<String, String> errors, Map<String, String> input, String form) {
    if (form != null) {
      session.put(FORM, form);
    }
    session.put(ERRORS, new io.vertx.core.json.JsonObject(new java.util.LinkedHashMap<>(errors)));
    session.put(INPUT, new io.vertx.core.json.JsonObject(new java.util.LinkedHashMap<>(input)));
  }

  /** Removes and returns the flashed form key, or {@code null}. */
  static String takeForm(Session session) {
    return session == null ? null : session.remove(FORM) instanceof String form ? form : null;
  }

  /** Removes and returns the flash value under {@code key}, as a map (empty when none). */
  static Map<String, Object> take(Session session, String key) {
    if (session == null) {
      return Map.of();
    }
    Object value = session.remove(key);
    return value instanceof io.vertx.core.json.JsonObject json ? json.getMap() : Map.of();
  }
}
