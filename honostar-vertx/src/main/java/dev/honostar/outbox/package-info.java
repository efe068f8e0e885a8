/**
 * The transactional outbox: {@link dev.honostar.outbox.Outbox} stores domain events in the same database transaction
 * as the change they describe, and a relay on every node publishes them on the bus, so an event is not lost when the
 * node that committed it dies before publishing. See {@code docs/scaling.md}.
 */
package dev.honostar.outbox;
