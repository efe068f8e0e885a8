/**
 * Topics and the domain-event bus: a {@link dev.honostar.bus.Topic} names a stream of events with one rule wherever it is
 * made, and {@link dev.honostar.bus.TopicBus} publishes {@link dev.honostar.bus.DomainEvent}s on topics to every node,
 * over the local or clustered Vert.x event bus, Redis pub/sub or NATS. The lowest layer: pages, commands and the live
 * hub build on it. See {@code docs/scaling.md}.
 */
package dev.honostar.bus;
