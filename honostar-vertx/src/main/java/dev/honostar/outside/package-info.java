/**
 * Events from outside the app: {@link dev.honostar.outside.Feed} turns any source that can be (re)opened as a
 * {@link io.vertx.core.streams.ReadStream} (a PostgreSQL {@code LISTEN} channel, a NATS subject, a Redis channel, a
 * Vert.x event-bus address) into domain events on the bus, with backpressure and reconnection;
 * {@link dev.honostar.outside.PgNotifications} is the PostgreSQL adapter. See {@code docs/live-updates.md}.
 */
package dev.honostar.outside;
