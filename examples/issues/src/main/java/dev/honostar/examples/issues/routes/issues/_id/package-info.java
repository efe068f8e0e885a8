/** {@code /issues/:id}: the issue's number, a {@code long} (a URL with anything else is a 404). */
@Param(long.class)
package dev.honostar.examples.issues.routes.issues._id;

import dev.honostar.routing.Param;
