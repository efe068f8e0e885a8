package dev.honostar.impl;

import io.vertx.ext.web.RoutingContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the development 500 page shows ({@code @devError} in {@code honostar/errors/500}): the
 * exception, its stack and the request. Built only with {@code view.showErrorDetails} (off in production). Credentials in
 * headers are hidden even here: pages get screenshotted and pasted into issues.
 */
final class DevErrorPage {

  private static final Set<String> HIDDEN = Set.of("cookie", "authorization", "proxy-authorization", "x-csrf-token");

  private DevErrorPage() {
  }

  static Map<String, Object> model(RoutingContext rc, Throwable failure) {
    StringWriter stack = new StringWriter();
    failure.printStackTrace(new PrintWriter(stack));
    List<Map<String, String>> headers = new ArrayList<>();
    rc.request().headers().forEach(h -> headers.add(Map.of("name", h.getKey(),
      "value", HIDDEN.contains(h.getKey().toLowerCase(Locale.ROOT)) ? "(hidden)" : h.getValue())));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("type", failure.getClass().getName());
    model.put("message", failure.getMessage() == null ? "" : failure.getMessage());
    model.put("stack", stack.toString());
    model.put("method", rc.request().method().name());
    model.put("uri", rc.request().uri());
    model.put("headers", headers);
    return model;
  }
}
