package dev.honostar.view.impl;

import com.github.jknack.handlebars.ValueResolver;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the components of records ({@code {{title}}} calls {@code title()}) and the public
 * no-argument methods a record declares itself (derived values). It replaces
 * Handlebars' {@code MethodValueResolver}, which calls any public no-argument method: with it a
 * partial's missing parameter such as {@code size} resolved to {@code Map.size()} of the
 * caller's model.
 */
final class RecordValueResolver implements ValueResolver {

  static final RecordValueResolver INSTANCE = new RecordValueResolver();

  private final Map<Class<?>, Map<String, Method>> accessors = new ConcurrentHashMap<>();

  private Map<String, Method> accessors(Class<?> type) {
    return accessors.computeIfAbsent(type, t -> {
      Map<String, Method> byName = new LinkedHashMap<>();
      for (RecordComponent c : t.getRecordComponents()) {
        Method m = c.getAccessor();
        m.setAccessible(true);
        byName.put(c.getName(), m);
      }
      // Derived values a record declares itself, e.g. boolean open() { return status == OPEN; }.
      for (Method m : t.getDeclaredMethods()) {
        boolean derived = java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 0 && m.getReturnType() != void.class && !m.isSynthetic()
          && !m.getName().equals("toString") && !m.getName().equals("hashCode");
        if (derived) {
          m.setAccessible(true);
          byName.putIfAbsent(m.getName(), m);
        }
      }
      return Collections.unmodifiableMap(byName);
    });
  }

  @Override
  public Object resolve(Object context, String name) {
    if (context == null || !context.getClass().isRecord()) {
      return UNRESOLVED;
    }
    Method m = accessors(context.getClass()).get(name);
    if (m == null) {
      return UNRESOLVED;
    }
    try {
      return m.invoke(context);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + name + " of " + context.getClass().getName(), e);
    }
  }

  @Override
  public Object resolve(Object context) {
    return context != null && context.getClass().isRecord() ? context : UNRESOLVED;
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    if (context == null || !context.getClass().isRecord()) {
      return Collections.emptySet();
    }
    Set<Map.Entry<String, Object>> entries = new LinkedHashSet<>();
    accessors(context.getClass()).keySet().forEach(name -> entries.add(Map.entry(name, resolve(context, name))));
    return entries;
  }
}
