package dev.honostar.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, once, the type of the path parameter a {@code _name} package makes: the
 * generated {@code Routes} then takes that type ({@code Routes.issues().byId(42)} with a
 * {@code long}) and offers a {@link PathParam} that reads it typed, answering 404 when the
 * URL's text is not one. Supported: {@code String} (the default), {@code long}, {@code int}
 * and {@code java.util.UUID}.
 *
 * <pre>{@code
 * // src/main/java/com/example/routes/issues/_id/package-info.java
 * @Param(long.class)
 * package com.example.routes.issues._id;
 *
 * // in a page, command or query of that package or below it
 * long id = Routes.Issues_ById.ID.from(ctx);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface Param {
  /** @return the parameter's type: {@code String.class}, {@code long.class}, {@code int.class} or {@code java.util.UUID.class} */
  Class<?> value();
}
