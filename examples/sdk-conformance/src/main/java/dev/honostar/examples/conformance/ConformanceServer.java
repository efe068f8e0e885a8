package dev.honostar.examples.conformance;

import dev.honostar.HonoStarOptions;
import dev.honostar.protocol.DatastarEvent;
import dev.honostar.protocol.ElementNamespace;
import dev.honostar.protocol.ExecuteScript;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.Signals;
import dev.honostar.protocol.SignalsException;
import dev.honostar.protocol.SseStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The server the public Datastar SDK test suite talks to: {@code GET} and {@code POST /test}
 * read the signals, take their {@code events} array and send each event, with every option
 * the case gives, then end the response.
 *
 * <pre>{@code
 * java -jar examples/sdk-conformance/target/sdk-conformance.jar   # PORT, default 7331
 * }</pre>
 */
public final class ConformanceServer {

  /** The port the suite expects by default. */
  public static final int DEFAULT_PORT = 7331;

  private ConformanceServer() {
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", String.valueOf(DEFAULT_PORT)));
    Vertx vertx = Vertx.vertx();
    start(vertx, port)
      .onSuccess(server -> System.out.println("Datastar SDK conformance server on http://localhost:" + server.actualPort() + "/test"))
      .onFailure(err -> {
        System.err.println("Could not start: " + err.getMessage());
        vertx.close();
        System.exit(1);
      });
  }

  /** Starts the server on {@code port} (0 for any free port). */
  public static Future<HttpServer> start(Vertx vertx, int port) {
    return vertx.createHttpServer(new HonoStarOptions().applyTo(new HttpServerOptions())).requestHandler(router(vertx)).listen(port);
  }

  /** The {@code /test} route. */
  public static Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/test").handler(ConformanceServer::handle);
    router.post("/test").handler(ConformanceServer::handle);
    return router;
  }

  private static void handle(RoutingContext ctx) {
    Signals.read(ctx).onComplete(read -> {
      if (read.failed()) {
        int status = read.cause() instanceof SignalsException se ? se.statusCode() : 400;
        ctx.response().setStatusCode(status).end(read.cause().getMessage());
        return;
      }
      List<DatastarEvent> events;
      try {
        events = events(read.result());
      } catch (RuntimeException e) {
        ctx.response().setStatusCode(400).end("Bad test case: " + e.getMessage());
        return;
      }
      SseStream sse = SseStream.create(ctx);
      Future<Void> chain = Future.succeededFuture();
      for (DatastarEvent event : events) {
        chain = chain.compose(v -> sse.write(event));
      }
      chain.onComplete(done -> sse.end());
    });
  }

  /** Turns a test case's {@code events} into Datastar effects, validating all of them first. */
  static List<DatastarEvent> events(JsonObject signals) {
    JsonArray array = signals.getJsonArray("events", new JsonArray());
    List<DatastarEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject e = array.getJsonObject(i);
      String type = e.getString("type", "");
      DatastarEvent event = switch (type) {
        case "patchElements" -> patchElements(e);
        case "patchSignals" -> patchSignals(e);
        case "executeScript" -> executeScript(e);
        default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
      };
      // Encode now, so an invalid case fails before the stream starts.
      event.toSseEvent();
      events.add(event);
    }
    return events;
  }

  private static PatchElements patchElements(JsonObject e) {
    PatchMode mode = PatchMode.fromWireName(e.getString("mode", "outer"));
    PatchElements patch = mode == PatchMode.REMOVE && e.getString("elements") == null
      ? PatchElements.remove(e.getString("selector", ""))
      : PatchElements.of(e.getString("elements", "")).mode(mode).selector(e.getString("selector"));
    patch.namespace(ElementNamespace.fromWireName(e.getString("namespace", "html")))
      .useViewTransition(e.getBoolean("useViewTransition", false))
      .viewTransitionSelector(e.getString("viewTransitionSelector"));
    return common(patch, e);
  }

  private static PatchSignals patchSignals(JsonObject e) {
    PatchSignals patch = e.containsKey("signals-raw")
      ? PatchSignals.raw(e.getString("signals-raw"))
      : PatchSignals.of(e.getJsonObject("signals", new JsonObject()));
    patch.onlyIfMissing(e.getBoolean("onlyIfMissing", false));
    return common(patch, e);
  }

  private static ExecuteScript executeScript(JsonObject e) {
    ExecuteScript script = ExecuteScript.of(e.getString("script", "")).autoRemove(e.getBoolean("autoRemove", true));
    Object attributes = e.getValue("attributes");
    if (attributes instanceof JsonObject map) {
      map.forEach(entry -> script.attribute(entry.getKey(), String.valueOf(entry.getValue())));
    } else if (attributes instanceof JsonArray list) {
      // Some SDKs give attributes as "name value" strings.
      for (Object item : list) {
        String text = String.valueOf(item).trim();
        int space = text.indexOf(' ');
        script.attribute(space < 0 ? text : text.substring(0, space), space < 0 ? "" : text.substring(space + 1));
      }
    }
    return common(script, e);
  }

  private static <T extends DatastarEvent> T common(T event, JsonObject e) {
    event.eventId(e.getString("eventId"));
    Long retry = e.getLong("retryDuration");
    if (retry != null) {
      event.retry(retry);
    }
    return event;
  }
}
