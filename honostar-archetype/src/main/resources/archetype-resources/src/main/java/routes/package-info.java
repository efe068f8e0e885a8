/**
 * The app's routes: each page, command and layout class here or below gets its URL from where
 * it lives ({@code IndexPage} is {@code /}, {@code IncrementCommand} is {@code /increment}), and
 * the build generates {@code Routes}, typed links to them.
 */
@RouteRoot
package ${package}.routes;

import dev.honostar.routing.RouteRoot;
