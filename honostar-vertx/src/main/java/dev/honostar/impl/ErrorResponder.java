package dev.honostar.impl;

import dev.honostar.observability.RequestId;
import dev.honostar.page.HaltException;
import dev.honostar.protocol.Datastar;
import dev.honostar.protocol.DirectReply;
import dev.honostar.protocol.ExecuteScript;
import dev.honostar.protocol.SignalsException;
import dev.honostar.view.ViewEngine;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Turns failures into answers: HTML error pages for browsers, short text for Datastar
 * requests (which do not show bodies of errors), redirects for halts. A 500's message, stack and
 * request only with {@code view.showErrorDetails} (off in production).
 */
final class ErrorResponder {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

  private final ViewEngine view;
  private final boolean showErrorDetails;
  private final RequestData requestData;

  /** @param showErrorDetails whether a 500 shows the exception and the request ({@code view.showErrorDetails}) */
  ErrorResponder(ViewEngine view, boolean showErrorDetails, RequestData requestData) {
    this.view = view;
    this.showErrorDetails = showErrorDetails;
    this.requestData = requestData;
  }

  void handle(RoutingContext rc) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    if (rc.response().headWritten()) {
      // A stream already started: the only honest thing left is to end it.
      rc.response().reset();
      return;
    }
    Throwable failure = rc.failure();
    if (failure instanceof HaltException halt) {
      if (halt.location() != null) {
        String location = RequestData.basePath(rc) + halt.location();
        if (Datastar.isDatastarRequest(rc.request())) {
          DirectReply.send(rc.response(), Replies.navigate(location));
        } else {
          Replies.redirect(rc, location);
        }
        return;
      }
      respond(rc, halt.status(), halt.getMessage());
      return;
    }
    if (failure instanceof SignalsException se) {
      respond(rc, se.statusCode(), se.getMessage());
      return;
    }
    if (failure instanceof HttpException he) {
      respond(rc, he.getStatusCode(), he.getPayload());
      return;
    }
    int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
    if (status >= 500) {
      // Always the stack, and the id the error page shows, so a report finds its log line.
      log.error("{} {} failed (request {})", rc.request().method(), rc.request().path(), RequestId.of(rc), failure);
    }
    String message = status >= 500 && !showErrorDetails ? null : failure == null ? null : failure.getMessage();
    respond(rc, status, message, status >= 500 && showErrorDetails ? failure : null);
  }

  void respond(RoutingContext rc, int status, String message) {
    respond(rc, status, message, null);
  }

  /** @param devFailure shown with its stack and the request on the development 500 page; only with showErrorDetails */
  private void respond(RoutingContext rc, int status, String message, Throwable devFailure) {
    rc.response().setStatusCode(status);
    if ((status == 429 || status == 503) && !rc.response().headers().contains("Retry-After")) {
      // "Busy" and "slow down" answers tell well-behaved clients when to come back.
      rc.response().putHeader("Retry-After", "1");
    }
    if (Datastar.isDatastarRequest(rc.request()) || view == null) {
      rc.response().putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message == null ? reason(status) : message);
      return;
    }
    // The request's own data, its theme too: an error page looks like the pages around it.
    Map<String, Object> data = requestData.of(rc);
    // What a user can quote in a report: the same id is in the logs and the X-Request-Id header.
    data.put("requestId", RequestId.of(rc));
    data.put("message", message == null ? reason(status) : message);
    if (devFailure != null) {
      data.put("devError", DevErrorPage.model(rc, devFailure));
    }
    String html;
    try {
      html = view.renderError(status, data);
    } catch (RuntimeException e) {
      log.error("Rendering the {} page failed", status, e);
      html = "<!doctype html><title>" + status + "</title><h1>" + status + " " + reason(status) + "</h1>";
    }
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(html);
  }

  private static String reason(int status) {
    return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
