package examples;

import dev.honostar.protocol.Datastar;
import dev.honostar.protocol.DirectReply;
import dev.honostar.protocol.ExecuteScript;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.PatchMode;
import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.Signals;
import dev.honostar.protocol.SignalsException;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.SseStream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** The snippets of docs/protocol.md, compiled so they cannot rot. */
public class ProtocolExamples {

  public void stream(Vertx vertx, Router router) {
    // tag::stream[]
    router.get("/clock").handler(ctx -> {
      SseStream sse = SseStream.create(ctx, new SseOptions().setHeartbeatMillis(15_000));
      long timer = vertx.setPeriodic(1000, id ->
        sse.write(PatchElements.of("<time id=\"now\">" + java.time.LocalTime.now() + "</time>")));
      sse.closeHandler(v -> vertx.cancelTimer(timer));
    });
    // end::stream[]
  }

  public void effects() {
    // tag::effects[]
    PatchElements.of("<ul id=\"todos\">…</ul>");                                  // morph by id
    PatchElements.of("<li>new</li>").selector("#todos").mode(PatchMode.APPEND);   // insert
    PatchElements.remove("#todo-7");                                              // remove
    PatchSignals.of(new JsonObject().put("draft", "").put("error", null));        // null deletes
    PatchSignals.of(new JsonObject().put("open", false)).onlyIfMissing(true);
    ExecuteScript.of("document.getElementById('title').focus()");
    // end::effects[]
  }

  public void signals(Router router) {
    // tag::signals[]
    router.post("/todos").handler(ctx -> Signals.read(ctx).onComplete(read -> {
      if (read.failed()) {
        SignalsException e = (SignalsException) read.cause();     // 400, 413 or 415
        ctx.response().setStatusCode(e.statusCode()).end(e.getMessage());
        return;
      }
      String title = read.result().getString("title", "");
      // ... change state, then answer the tab:
      if (Datastar.isDatastarRequest(ctx.request())) {
        DirectReply.send(ctx.response(), PatchSignals.of(new JsonObject().put("title", "")));
      } else {
        ctx.redirect("/todos");
      }
    }));
    // end::signals[]
  }

  public void direct(Router router) {
    // tag::direct[]
    router.delete("/todos/:id").handler(ctx -> DirectReply.noContent(ctx.response()));
    // end::direct[]
  }
}
