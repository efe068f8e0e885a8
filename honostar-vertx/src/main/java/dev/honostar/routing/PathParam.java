package dev.honostar.routing;

import dev.honostar.command.CommandContext;
import dev.honostar.page.HaltException;
import dev.honostar.page.PageContext;
import dev.honostar.page.QueryContext;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * A typed path parameter. The generated {@code Routes} holds one per {@link Param}-typed
 * {@code _name} package (e.g. {@code Routes.Issues_ById.ID}); pages, commands and queries read
 * the parameter through it, and a URL whose text is not of the type answers 404, as a missing
 * page would.
 *
 * <pre>{@code
 * public Future<Issue> load(PageContext ctx) {
 *   long id = Routes.Issues_ById.ID.from(ctx);    // "/issues/abc" → 404
 *   return store.issue(id);
 * }
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class PathParam<T> {

  private final String name;
  private final Class<T> type;
  private final Function<String, T> parser;

  private PathParam(String name, Class<T> type, Function<String, T> parser) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.parser = parser;
  }

  /** @return a text parameter (any non-empty segment) */
  public static PathParam<String> ofString(String name) {
    return new PathParam<>(name, String.class, Function.identity());
  }

  /** @return a {@code long} parameter: decimal digits, optionally signed */
  public static PathParam<Long> ofLong(String name) {
    return new PathParam<>(name, Long.class, Long::valueOf);
  }

  /** @return an {@code int} parameter: decimal digits, optionally signed */
  public static PathParam<Integer> ofInt(String name) {
    return new PathParam<>(name, Integer.class, Integer::valueOf);
  }

  /** @return a UUID parameter in its canonical text form */
  public static PathParam<UUID> ofUuid(String name) {
    return new PathParam<>(name, UUID.class, text -> {
      UUID id = UUID.fromString(text);
      if (!id.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    });
  }

  /** @return the name, e.g. {@code id} for {@code :id} */
  public String name() {
    return name;
  }

  /** @return the value's type, e.g. {@code Long} */
  public Class<T> type() {
    return type;
  }

  /**
   * @param text the URL's text of the parameter
   * @return the value
   * @throws HaltException 404 Not Found when the text is missing or not of the type
   */
  public T parse(String text) {
    if (text == null || text.isEmpty()) {
      throw HaltException.notFound();
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw HaltException.notFound();
    }
  }

  /** @return the parameter of the page's URL; 404 when it is not of the type */
  public T from(PageContext ctx) {
    return parse(ctx.pathParam(name));
  }

  /** @return the parameter of the command's URL; 404 when it is not of the type */
  public T from(CommandContext ctx) {
    return parse(ctx.pathParam(name));
  }

  /** @return the parameter of the URL the tab's page loaded; 404 when it is not of the type */
  public T from(QueryContext ctx) {
    return parse(ctx.param(name));
  }

  /**
   * Turns a value given by name (templates: {@code {{route "issues.byId" id=issue.id}}}) into
   * the type: the value itself, a whole number for {@code long}/{@code int}, or its text.
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public T coerce(Object value) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    String text = String.valueOf(value);
    if ((value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        && (type == Long.class || type == Integer.class)) {
      long n = ((Number) value).longValue();
      if (type == Long.class || n == (int) n) {
        return type.cast(type == Long.class ? (Object) n : (Object) (int) n);
      }
      throw new IllegalArgumentException("Path parameter '" + name + "' must be a " + type.getSimpleName() + ", not '" + text + "'");
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("Path parameter '" + name + "' must be a " + type.getSimpleName() + ", not '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return ":" + name + " (" + type.getSimpleName() + ")";
  }
}
