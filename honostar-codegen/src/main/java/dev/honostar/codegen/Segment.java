package dev.honostar.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One segment of a route path.
 *
 * @param kind static, parameter or catch-all
 * @param name the static text, the parameter name (without {@code :}), or the catch-all's name (its reverse-routing method)
 * @param type a parameter's {@link ParamType} ({@code @Param} on its package); {@code STRING} for the others
 */
record Segment(Kind kind, String name, ParamType type) {

  enum Kind { STATIC, PARAM, CATCH_ALL }

  Segment(Kind kind, String name) {
    this(kind, name, ParamType.STRING);
  }

  /** @return this parameter with the type its package declares */
  Segment typed(ParamType type) {
    return new Segment(kind, name, type);
  }

  static Segment fixed(String text) {
    return new Segment(Kind.STATIC, text);
  }

  static Segment param(String name) {
    return new Segment(Kind.PARAM, name);
  }

  static Segment catchAll(String name) {
    return new Segment(Kind.CATCH_ALL, name);
  }

  /** @return the segment as Vert.x writes it: {@code issues}, {@code :id}, {@code *} */
  String pattern() {
    return switch (kind) {
      case STATIC -> name;
      case PARAM -> ":" + name;
      case CATCH_ALL -> "*";
    };
  }

  /** @return the Vert.x path of the segments, {@code /} for none */
  static String path(List<Segment> segments) {
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    for (Segment s : segments) {
      out.append('/').append(s.pattern());
    }
    return out.toString();
  }

  /** @return the path with parameter names erased: two routes with the same shape match the same requests */
  static String shape(List<Segment> segments) {
    StringBuilder out = new StringBuilder();
    for (Segment s : segments) {
      out.append('/').append(s.kind == Kind.PARAM ? ":" : s.pattern());
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /** @return a problem with the whole path (catch-all not last, duplicate parameter), or {@code null} */
  static String checkStructure(List<Segment> segments) {
    Set<String> params = new HashSet<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.kind == Kind.CATCH_ALL && i != segments.size() - 1) {
        return "a catch-all must be the last segment, but " + path(segments) + " continues after it";
      }
      if (s.kind == Kind.PARAM && !params.add(s.name)) {
        return "duplicate path parameter :" + s.name + " in " + path(segments);
      }
    }
    return null;
  }

  /**
   * Parses an explicit {@code @Route} path.
   *
   * @throws IllegalArgumentException with the reason when the path is not valid
   */
  static List<Segment> parseRoute(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("it must start with /");
    }
    List<Segment> segments = new ArrayList<>();
    if (path.equals("/")) {
      return segments;
    }
    if (path.endsWith("/")) {
      throw new IllegalArgumentException("it must not end with / (only the root path is /)");
    }
    String[] parts = path.substring(1).split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("it has an empty segment (//)");
      } else if (part.equals("*")) {
        segments.add(catchAll("rest"));
      } else if (part.startsWith(":")) {
        String name = part.substring(1);
        if (!Naming.PARAM_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("parameter '" + part + "' needs a name matching [A-Za-z_][A-Za-z0-9_]*");
        }
        segments.add(param(name));
      } else if (part.contains("*")) {
        throw new IllegalArgumentException("'*' must be a whole segment, the last one");
      } else if (!Naming.STATIC_SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("segment '" + part + "' may contain only letters, digits and - . _ ~");
      } else {
        segments.add(fixed(part));
      }
    }
    String problem = checkStructure(segments);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return segments;
  }
}
