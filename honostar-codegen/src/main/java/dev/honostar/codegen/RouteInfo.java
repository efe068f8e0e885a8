package dev.honostar.codegen;

import javax.lang.model.element.TypeElement;
import java.util.Comparator;
import java.util.List;

/**
 * A route class as the processor understands it.
 *
 * @param element the class
 * @param kind {@code PAGE}, {@code COMMAND} or {@code LAYOUT} (the names of {@code dev.honostar.routing.RouteKind})
 * @param segments its path
 * @param template its template name, {@code null} for a command
 * @param layouts the layouts wrapping a page, innermost first
 */
record RouteInfo(TypeElement element, Kind kind, List<Segment> segments, String template, List<String> layouts) {

  enum Kind { PAGE, COMMAND, LAYOUT }

  String className() {
    return element.getQualifiedName().toString();
  }

  String path() {
    return Segment.path(segments);
  }

  /** 0 for a static path, 1 with parameters, 2 with a catch-all. */
  int group() {
    int group = 0;
    for (Segment s : segments) {
      group = Math.max(group, s.kind() == Segment.Kind.CATCH_ALL ? 2 : s.kind() == Segment.Kind.PARAM ? 1 : 0);
    }
    return group;
  }

  /**
   * Registration order: static paths, then paths with parameters, then catch-alls; within a
   * group segment by segment, a static segment before a parameter before a catch-all, then by
   * text; then by kind and class name. Vert.x tries routes in registration order, so
   * {@code /issues/new} is matched before {@code /issues/:id}.
   */
  static final Comparator<RouteInfo> ORDER = (a, b) -> {
    int c = Integer.compare(a.group(), b.group());
    if (c != 0) {
      return c;
    }
    c = compareSegments(a.segments, b.segments);
    if (c != 0) {
      return c;
    }
    c = a.kind.compareTo(b.kind);
    return c != 0 ? c : a.className().compareTo(b.className());
  };

  static int compareSegments(List<Segment> a, List<Segment> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Segment x = a.get(i);
      Segment y = b.get(i);
      int c = x.kind().compareTo(y.kind());
      if (c == 0) {
        c = x.pattern().compareTo(y.pattern());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
