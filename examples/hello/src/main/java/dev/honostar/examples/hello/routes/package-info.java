/**
 * The hello app's routes, one class per URL: {@link dev.honostar.examples.hello.routes.IndexPage}
 * is {@code /} and {@link dev.honostar.examples.hello.routes.IncrementCommand} is
 * {@code /increment} (docs/routing.md). The build generates {@code Routes} here.
 */
@RouteRoot
package dev.honostar.examples.hello.routes;

import dev.honostar.routing.RouteRoot;
