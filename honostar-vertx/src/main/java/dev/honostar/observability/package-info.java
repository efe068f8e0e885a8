/**
 * Traces and structured logs: {@link dev.honostar.observability.Tracing} (OpenTelemetry, exported by OTLP when
 * configured, off otherwise), {@link dev.honostar.observability.RequestId} and the
 * {@link dev.honostar.observability.ObservabilityHandler} that gives every request its id and span. See
 * {@code docs/observability.md}.
 */
package dev.honostar.observability;
