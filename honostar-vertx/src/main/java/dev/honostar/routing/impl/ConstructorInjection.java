package dev.honostar.routing.impl;

import dev.honostar.routing.RouteFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** {@link RouteFactory#of(Object...)}: picks a public constructor whose parameters the dependencies fill by type. */
public final class ConstructorInjection implements RouteFactory {

  private final List<Object> dependencies;

  public ConstructorInjection(Object... dependencies) {
    this.dependencies = Arrays.stream(dependencies).map(d -> Objects.requireNonNull(d, "dependency")).toList();
  }

  @Override
  public Object create(Class<?> type) throws Exception {
    Constructor<?> best = null;
    Object[] bestArgs = null;
    List<String> reasons = new ArrayList<>();
    for (Constructor<?> c : type.getConstructors()) {
      Object[] args = new Object[c.getParameterCount()];
      String reason = null;
      Class<?>[] params = c.getParameterTypes();
      for (int i = 0; i < params.length && reason == null; i++) {
        List<Object> fits = fitting(params[i]);
        if (fits.size() == 1) {
          args[i] = fits.get(0);
        } else {
          reason = (fits.isEmpty() ? "nothing given fits parameter " : "more than one dependency fits parameter ")
            + (i + 1) + " (" + params[i].getName() + ")";
        }
      }
      if (reason != null) {
        reasons.add(c.toGenericString() + ": " + reason);
      } else if (best == null || c.getParameterCount() > best.getParameterCount()) {
        best = c;
        bestArgs = args;
      }
    }
    if (best == null || !Modifier.isPublic(type.getModifiers())) {
      throw new IllegalStateException("Cannot create route class " + type.getName() + " from " + describe() + ": "
        + (reasons.isEmpty() ? "it has no public constructor" : String.join("; ", reasons)));
    }
    return best.newInstance(bestArgs);
  }

  private List<Object> fitting(Class<?> param) {
    List<Object> fits = new ArrayList<>();
    for (Object d : dependencies) {
      if (param.isInstance(d) || (param.isPrimitive() && wrapper(param).isInstance(d))) {
        fits.add(d);
      }
    }
    return fits;
  }

  private static Class<?> wrapper(Class<?> primitive) {
    return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
  }

  private String describe() {
    return dependencies.isEmpty() ? "no dependencies"
      : "the dependencies " + dependencies.stream().map(d -> d.getClass().getName()).toList();
  }
}
