/**
 * The domain-event bus: {@link dev.honostar.bus.TopicBus} publishes {@link dev.honostar.bus.DomainEvent}s on topics to
 * every node, over the local or clustered Vert.x event bus, Redis pub/sub or NATS. See {@code docs/scaling.md}.
 */
package dev.honostar.bus;
