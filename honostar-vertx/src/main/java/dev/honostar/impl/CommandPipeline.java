package dev.honostar.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TopicBus;
import dev.honostar.command.ValidationException;
import dev.honostar.observability.Tracing;
import dev.honostar.observability.impl.CommandSpans;
import dev.honostar.observability.impl.TraceContexts;
import dev.honostar.protocol.Datastar;
import dev.honostar.protocol.Signals;
import dev.honostar.upload.impl.UploadReceiver;
import dev.honostar.upload.impl.UploadRejectedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a command's request: read its signals, run the handler (on the event loop, or on the
 * blocking executor when declared blocking) inside the command's span, publish its events only
 * once it succeeded, store a changed session, then reply to its tab ({@link Replies}); a
 * {@link ValidationException} becomes the form's errors, any other failure the error page.
 */
final class CommandPipeline {

  private static final Logger log = LoggerFactory.getLogger(CommandPipeline.class);

  private final long maxBodyBytes;
  private final InputBinder binder;
  private final BlockingExecutor blocking;
  private final Tracing tracing;
  private final TopicChecks topicChecks;
  private final TopicBus bus;
  private final SessionHandler sessionHandler;
  private final Replies replies;
  private final UploadReceiver uploads;

  CommandPipeline(long maxBodyBytes, InputBinder binder, BlockingExecutor blocking, Tracing tracing, TopicChecks topicChecks, TopicBus bus,
                  SessionHandler sessionHandler, Replies replies, UploadReceiver uploads) {
    this.uploads = uploads;
    this.maxBodyBytes = maxBodyBytes;
    this.binder = binder;
    this.blocking = blocking;
    this.tracing = tracing;
    this.topicChecks = topicChecks;
    this.bus = bus;
    this.sessionHandler = sessionHandler;
    this.replies = replies;
  }

  void run(RoutingContext ctx, HandlersImpl.Entry entry) {
    // Named by its route, for the topic checks' messages.
    String command = "Command " + ctx.request().method() + " " + (ctx.currentRoute() != null && ctx.currentRoute().getPath() != null
      ? ctx.currentRoute().getPath() : ctx.normalizedPath());
    Future<UploadReceiver.Received> input = UploadReceiver.marked(ctx) ? uploads.receive(ctx)
      : Signals.read(ctx, maxBodyBytes).map(UploadReceiver.Received::new);
    input.onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof UploadRejectedException rejected) {
          rejected(ctx, rejected);
        } else if (!ctx.response().closed()) {
          // A client that went away mid-upload has nothing left to answer.
          ctx.fail(read.cause());
        }
        return;
      }
      CommandContextImpl cc = new CommandContextImpl(ctx, read.result().signals(), read.result().uploads(), binder, blocking);
      Span span = CommandSpans.start(tracing, ctx);
      // Untraced: the root context, whose makeCurrent() is a no-op.
      Context traced = span.getSpanContext().isValid() ? TraceContexts.of(ctx).with(span) : Context.root();
      Future<?> run;
      // Current while the handler runs (on a virtual thread too), so the app's own spans and publishes join the trace.
      try (Scope ignored = traced.makeCurrent()) {
        run = entry.async() != null ? entry.async().handle(cc) : blocking.run(traced.wrap(() -> {
          entry.blocking().handle(cc);
          return null;
        }));
        if (run == null) {
          run = Future.succeededFuture();
        }
      } catch (RuntimeException e) {
        run = Future.failedFuture(e);
      }
      // The files the handler left behind are deleted before the reply (and again, should the client go away first).
      run.eventually(() -> read.result().cleanUp().get())
        .compose(v -> publishAll(cc, command, traced)).compose(v -> storeSession(ctx)).compose(v -> replies.send(ctx, cc))
        .onComplete(ar -> CommandSpans.end(span, ar)).onFailure(err -> {
          if (ctx.response().ended()) {
            return;
          }
          if (err instanceof ValidationException ve) {
            replies.invalid(ctx, ve, cc.form());
          } else {
            ctx.fail(err);
          }
        });
    });
  }

  /**
   * An upload refused: a form (Datastar, or a plain post from a browser) gets a field error as a
   * validation failure would give it; other clients, and refusals not about one file, the status.
   */
  private void rejected(RoutingContext ctx, UploadRejectedException e) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    boolean form = Datastar.isDatastarRequest(ctx.request()) || accept != null && accept.contains("text/html");
    if (e.field() != null && form) {
      JsonObject signals = Signals.fromForm(ctx.request().formAttributes());
      Map<String, String> fields = new LinkedHashMap<>();
      signals.forEach(entry -> {
        if (!entry.getKey().startsWith("_") && entry.getValue() instanceof String value) {
          fields.put(entry.getKey(), value);
        }
      });
      replies.invalid(ctx, new ValidationException(Map.of(e.field(), e.getMessage()), fields), FormKey.of(signals));
      return;
    }
    ctx.response().setStatusCode(e.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (e.status() == 429) {
      ctx.response().putHeader("Retry-After", "1");
    }
    ctx.response().end(e.getMessage() + "\n");
  }

  /**
   * Stores a command's session change (a sign-in) before the reply goes out. vertx-web stores it
   * when the headers are written without waiting, so with a shared store (Redis) the browser's
   * next request could reach another node before the write and find itself signed out.
   */
  private Future<Void> storeSession(RoutingContext ctx) {
    Session session = ctx.session();
    if (session == null || session.isDestroyed() || session.isEmpty()) {
      return Future.succeededFuture();
    }
    return sessionHandler.flush(ctx).recover(err -> {
      log.warn("Storing the session before the reply failed; it is stored again with the reply: {}", err.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> publishAll(CommandContextImpl cc, String command, Context traced) {
    List<Future<Void>> all = new ArrayList<>();
    // The events carry the command's span: every node's renders and fan-outs join its trace.
    Map<String, String> trace = TraceContexts.headers(traced);
    for (DomainEvent event : cc.events) {
      topicChecks.published(event.topic(), event.name(), command);
      // A failed publish was still delivered on this node; the reply goes out regardless.
      all.add(bus.publish(event.withTraceContext(trace))
        .recover(err -> {
          log.warn("Publishing {} on {} reached only this node: {}", event.name(), event.topic(), err.getMessage());
          return Future.succeededFuture();
        }));
    }
    return Future.all(all).mapEmpty();
  }
}
