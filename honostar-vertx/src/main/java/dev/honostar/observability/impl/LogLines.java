package dev.honostar.observability.impl;

import dev.honostar.observability.RequestId;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;

/**
 * The common fields of the framework's JSON log lines: {@code time}, {@code type}, {@code requestId}, and
 * {@code traceId}/{@code spanId} when the request is traced. Callers add their own fields and log
 * {@link JsonObject#encode()}: one object per line. Internal API.
 */
public final class LogLines {

  private LogLines() {
  }

  /** @return a line of {@code type} about the request of {@code ctx} */
  public static JsonObject of(String type, RoutingContext ctx) {
    JsonObject line = new JsonObject()
      .put("time", Instant.now().toString())
      .put("type", type)
      .put("requestId", RequestId.of(ctx));
    return TraceContexts.addIds(line, TraceContexts.of(ctx));
  }

  /** @return a copy of {@code base} with another {@code type} and the current {@code time} */
  public static JsonObject from(JsonObject base, String type) {
    return base.copy().put("time", Instant.now().toString()).put("type", type);
  }
}
