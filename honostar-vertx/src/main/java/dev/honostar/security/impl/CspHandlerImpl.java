package dev.honostar.security.impl;

import dev.honostar.security.CspHandler;
import dev.honostar.security.SecurityOptions;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Base64;

public final class CspHandlerImpl implements CspHandler {

  private static final String NONCE = "${nonce}";
  private static final int NONCE_BYTES = 16;

  private final SecureRandom random = new SecureRandom();
  private final String template;
  private final String headerName;

  public CspHandlerImpl(SecurityOptions options) {
    String policy = options.getHeaders().getContentSecurityPolicy().replace("${runtimeOrigin}", options.getHeaders().getRuntimeOrigin());
    // An empty runtime origin leaves "'unsafe-eval' ;" behind: tidy it so the header reads cleanly.
    policy = policy.replaceAll("[ \\t]+", " ").replace(" ;", ";").trim();
    if (policy.indexOf('\r') >= 0 || policy.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("contentSecurityPolicy must not contain line breaks");
    }
    this.template = policy;
    this.headerName = options.getHeaders().isCspReportOnly() ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
  }

  @Override
  public void handle(RoutingContext ctx) {
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    String nonce = Base64.getEncoder().encodeToString(bytes);
    ctx.put(NONCE_KEY, nonce);
    ctx.response().putHeader(headerName, template.replace(NONCE, nonce));
    ctx.next();
  }

  @Override
  public String policyTemplate() {
    return template;
  }
}
