package dev.honostar.routing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package as the root of file-based routes: every {@link dev.honostar.page.Page Page}, {@link dev.honostar.command.Command Command} and
 * {@link dev.honostar.page.Layout Layout} class in it or below it gets its path from where it lives (see
 * docs/routing.md), and the build generates a typed {@code Routes} helper in this package.
 *
 * <pre>{@code
 * // src/main/java/com/example/app/routes/package-info.java
 * @RouteRoot
 * package com.example.app.routes;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface RouteRoot {
}
