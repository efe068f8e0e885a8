package dev.honostar.routing;

/** What a route entry is. */
public enum RouteKind {
  /** A {@link Page}: answers GET with a full HTML document. */
  PAGE,
  /** A {@link Command}: answers POST, PUT, PATCH and DELETE. */
  COMMAND,
  /** A {@link Layout}: wraps every page at or below its path. */
  LAYOUT
}
