package dev.honostar.view.impl;

import com.github.jknack.handlebars.ValueResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Lets templates read Vert.x {@link JsonObject} fields and {@link JsonArray} indexes. */
final class JsonValueResolver implements ValueResolver {

  static final JsonValueResolver INSTANCE = new JsonValueResolver();

  @Override
  public Object resolve(Object context, String name) {
    if (context instanceof JsonObject) {
      JsonObject json = (JsonObject) context;
      return json.containsKey(name) ? json.getValue(name) : UNRESOLVED;
    }
    if (context instanceof JsonArray) {
      JsonArray array = (JsonArray) context;
      if ("length".equals(name)) return array.size();
      try {
        int index = Integer.parseInt(name);
        return index >= 0 && index < array.size() ? array.getValue(index) : UNRESOLVED;
      } catch (NumberFormatException e) {
        return UNRESOLVED;
      }
    }
    return UNRESOLVED;
  }

  @Override
  public Object resolve(Object context) {
    return context instanceof JsonObject || context instanceof JsonArray ? context : UNRESOLVED;
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    Set<Map.Entry<String, Object>> out = new LinkedHashSet<>();
    if (context instanceof JsonObject) {
      for (String key : ((JsonObject) context).fieldNames()) {
        out.add(new AbstractMap.SimpleImmutableEntry<>(key, ((JsonObject) context).getValue(key)));
      }
    }
    return out;
  }
}
