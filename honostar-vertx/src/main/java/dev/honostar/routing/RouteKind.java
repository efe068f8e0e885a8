package dev.honostar.routing;

/** What a route entry is. */
public enum RouteKind {
  /** A {@link dev.honostar.page.Page Page}: answers GET with a full HTML document. */
  PAGE,
  /** A {@link dev.honostar.command.Command Command}: answers POST, PUT, PATCH and DELETE. */
  COMMAND,
  /** A {@link dev.honostar.page.Layout Layout}: wraps every page at or below its path. */
  LAYOUT
}
