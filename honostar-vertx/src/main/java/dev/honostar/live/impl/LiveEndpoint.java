package dev.honostar.live.impl;

import dev.honostar.protocol.PatchSignals;
import dev.honostar.protocol.Signals;
import dev.honostar.protocol.SignalsException;
import dev.honostar.protocol.SseEvent;
import dev.honostar.protocol.SseCompression;
import dev.honostar.protocol.SseOptions;
import dev.honostar.protocol.impl.SseStreamImpl;
import dev.honostar.protocol.SseStream;
import dev.honostar.security.CsrfHandler;
import dev.honostar.security.SecurityHandlers;
import dev.honostar.security.SecurityOptions;
import dev.honostar.security.StreamLimiter;
import dev.honostar.security.TokenRejectedException;
import dev.honostar.security.TopicGrant;
import dev.honostar.security.TopicTokens;
import dev.honostar.security.impl.RequestInfo;
import dev.honostar.view.impl.LiveElement;
import dev.honostar.view.impl.RegionFingerprints;
import dev.honostar.live.LiveOptions;
import dev.honostar.observability.LogFormat;
import dev.honostar.observability.RequestEnd;
import dev.honostar.observability.impl.LogLines;
import dev.honostar.page.HaltException;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live stream endpoint ({@code GET /_/events}) and the element that opens it.
 *
 * <p>A page that subscribes to topics renders a hidden element carrying a signed topic token
 * in the {@code _hslive.t} signal; Datastar opens the stream with it (signals travel in the
 * {@code datastar} query parameter). The token is bound to a server-issued identity kept in
 * the session, never to anything the browser picks; a forged, tampered, expired or foreign
 * token is refused with 403. Before it expires the stream sends a fresh one as a signal
 * patch, so every reconnect (tab switch, lost connection) presents a valid token.
 */
public final class LiveEndpoint implements Handler<RoutingContext> {

  /** Cookie holding the server-issued identity topic tokens are bound to. */
  public static final String SUBJECT_COOKIE = "ds_live";
  /**
   * The signal carrying the token: {@code _hslive.t}. The leading underscore keeps Datastar
   * from sending it with every other request (commands never see it); the live element's
   * filter sends it, and only it, to the stream endpoint.
   */
  public static final String SIGNAL = "_hslive";
  /** The member of {@link #SIGNAL} with the fingerprints of the regions the page rendered. */
  public static final String SHOWN = "s";
  /** The event id of {@link #SHOWN_RECEIVED}; a position id replaces it once the node sends one. */
  static final String SHOWN_EVENT_ID = "hs-shown";
  private static final SseEvent SHOWN_RECEIVED = PatchSignals.of(new JsonObject().put(SIGNAL, new JsonObject().putNull(SHOWN)))
    .eventId(SHOWN_EVENT_ID).toSseEvent();
  private static final SseEvent SHOWN_RECEIVED_NO_ID = PatchSignals.of(new JsonObject().put(SIGNAL, new JsonObject().putNull(SHOWN))).toSseEvent();
  /** The id of the live element. */
  public static final String ELEMENT_ID = LiveElement.ID;

  private static final Logger log = LoggerFactory.getLogger(LiveEndpoint.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final LiveHub hub;
  private final TopicTokens tokens;
  private final StreamLimiter limiter;
  private final SecurityOptions security;
  private final Map<String, LivePage> pages;
  private final String eventsHref;
  /** What every stream of this endpoint is opened with (read only). */
  private final SseOptions streamOptions;
  /** One instance for every stream, so a stream holds no closure of its own for refreshes. */
  private final LiveConnection.Refresher refresher = this::refresh;
  private LogFormat logFormat = LogFormat.TEXT;

  public LiveEndpoint(Vertx vertx, LiveHub hub, TopicTokens tokens, StreamLimiter limiter, SecurityOptions security,
                      Map<String, LivePage> pages, String eventsHref) {
    this.vertx = vertx;
    this.hub = hub;
    this.tokens = tokens;
    this.limiter = limiter;
    this.security = security;
    this.pages = pages;
    this.eventsHref = eventsHref;
    // No heartbeat timer of the stream's own: the loop's clock sends heartbeats. One copy for
    // every stream (they only read it), not one each.
    LiveOptions o = hub.options();
    this.streamOptions = new SseOptions().setHeartbeatMillis(0).setMaxPendingBytes(o.getMaxPendingBytes())
      .setCompression(new SseCompression(o.getCompression()));
  }

  /** Writes the stream opened/closed lines as JSON (with request and trace ids) or as text (the default). */
  public LiveEndpoint logFormat(LogFormat logFormat) {
    this.logFormat = logFormat;
    return this;
  }

  /**
   * @return the identity topic tokens are bound to: a random value the server puts in an
   *     HttpOnly cookie on first use. A cookie rather than session data so that a tab can
   *     reconnect to any node of a cluster without shared sessions; the browser cannot choose
   *     a value that a token was issued for without holding that token's cookie.
   */
  public String subject(RoutingContext ctx) {
    io.vertx.core.http.Cookie cookie = ctx.request().getCookie(SUBJECT_COOKIE);
    String subject = cookie == null ? null : cookie.getValue();
    if (subject == null || subject.length() < 16 || subject.length() > 64) {
      subject = ctx.get(SUBJECT_COOKIE);
    }
    if (subject == null) {
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      subject = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      ctx.put(SUBJECT_COOKIE, subject);
      ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(SUBJECT_COOKIE, subject).setPath("/").setHttpOnly(true)
        .setSameSite(io.vertx.core.http.CookieSameSite.LAX).setSecure(security.isSecureCookies() || RequestInfo.isHttps(ctx.request(), security.isTrustForwardedHeaders())));
    }
    return subject;
  }

  /**
   * @param params the URL parameters the page's live regions depend on, as this request has them
   * @param viewer the page's viewer key, or {@code null}
   * @return the hidden element that opens this page's live stream (the layout's {@code {{live}}}),
   *     its token bound to the view; the view layer writes its markup
   * @throws dev.honostar.page.HaltException 400 when the view is larger than {@code maxViewBytes}
   */
  public LiveElement element(RoutingContext ctx, String pageId, Collection<String> topics, Map<String, String> params, String viewer,
                        String basePath) {
    TopicGrant grant = tokens.grant(topics, pageId, subject(ctx), params, viewer);
    if (grant.viewBytes() > security.getToken().getMaxViewBytes()) {
      throw HaltException.status(400, "This page's URL parameters (" + String.join(", ", params.keySet()) + ") are "
        + grant.viewBytes() + " bytes; a live page takes at most " + security.getToken().getMaxViewBytes() + " (security.token.maxViewBytes)");
    }
    return new LiveElement(basePath + eventsHref, SIGNAL, tokens.sign(grant));
  }


  @Override
  public void handle(RoutingContext ctx) {
    if (hub.isDraining()) {
      ctx.response().putHeader("Retry-After", "1");
      refuse(ctx, 503, "This node is shutting down; reconnect to another.");
      return;
    }
    Signals.read(ctx).onComplete(read -> {
      if (read.failed()) {
        int status = read.cause() instanceof SignalsException se ? se.statusCode() : 400;
        refuse(ctx, status, read.cause().getMessage());
        return;
      }
      Object live = read.result().getValue(SIGNAL);
      String token = live instanceof JsonObject o ? o.getString("t") : null;
      if (token == null || token.isEmpty()) {
        refuse(ctx, 400, "Missing topic token (signal " + SIGNAL + ".t)");
        return;
      }
      TopicGrant grant;
      try {
        io.vertx.core.http.Cookie cookie = ctx.request().getCookie(SUBJECT_COOKIE);
        grant = tokens.verify(token, cookie == null ? null : cookie.getValue());
      } catch (TokenRejectedException e) {
        refuse(ctx, e.reason() == TokenRejectedException.Reason.VIEW_TOO_LARGE ? 400 : 403, e.getMessage());
        return;
      }
      LivePage page = pages.get(grant.scope());
      if (page == null) {
        refuse(ctx, 403, "The token names a page this app does not have");
        return;
      }
      Map<String, String> shown;
      try {
        // A Datastar retry sends the signals of the original request, which may predate patches
        // the tab received since: only a request without Last-Event-ID says what the tab shows.
        shown = ctx.request().getHeader("Last-Event-ID") == null ? shownRegions((JsonObject) live) : null;
      } catch (IllegalArgumentException e) {
        refuse(ctx, 400, e.getMessage());
        return;
      }
      // Only per-viewer queries read the session; every other stream is served from its token.
      Session session = page.hasPerViewerQueries() ? ctx.session() : null;
      if (page.hasPerViewerQueries() && session == null) {
        refuse(ctx, 500, "Per-viewer live regions need the framework's session handler in front of the stream");
        return;
      }
      String address = SecurityHandlers.clientAddress(ctx, security);
      // The per-browser cap counts by what the token is bound to (the subject cookie), which a
      // client cannot leave out the way it can leave out a session cookie.
      if (!limiter.tryAcquire(grant.subject(), address)) {
        refuse(ctx, 429, "Too many open streams");
        return;
      }
      // Datastar's own retries send the header; a fresh @get (honostar.js) sends the position signal.
      String lastEventId = ctx.request().getHeader("Last-Event-ID");
      if (lastEventId == null && ((JsonObject) live).getValue(ReplayWindow.POSITION) instanceof String position) {
        lastEventId = position;
      }
      open(ctx, session, address, page, grant, lastEventId, shown);
    });
  }

  /**
   * @return the fingerprints of the regions the tab's page rendered ({@code _hslive.s}), or {@code null}
   * @throws IllegalArgumentException when the signal is not an object of at most
   *     {@link RegionFingerprints#MAX_REGIONS} short strings
   */
  static Map<String, String> shownRegions(JsonObject live) {
    Object value = live.getValue(SHOWN);
    if (value == null) {
      return null;
    }
    String malformed = "Malformed " + SIGNAL + "." + SHOWN + ": expected at most " + RegionFingerprints.MAX_REGIONS
      + " region names with " + RegionFingerprints.LENGTH + "-character fingerprints";
    if (!(value instanceof JsonObject o) || o.size() > RegionFingerprints.MAX_REGIONS) {
      throw new IllegalArgumentException(malformed);
    }
    Map<String, String> out = new HashMap<>(o.size() * 2);
    for (Map.Entry<String, Object> e : o) {
      if (!(e.getValue() instanceof String fp) || fp.length() != RegionFingerprints.LENGTH || e.getKey().length() > 200) {
        throw new IllegalArgumentException(malformed);
      }
      out.put(e.getKey(), fp);
    }
    return out;
  }

  private void open(RoutingContext ctx, Session session, String address, LivePage page, TopicGrant grant, String lastEventId,
                    Map<String, String> shown) {
    LiveOptions o = hub.options();
    SseStream sse = new SseStreamImpl(ctx.request(), streamOptions);
    // The stream sent its headers, so the headers-end hook vertx-web set on the response (the
    // session handler's cookie code) has run and never will again. Its end hooks would keep the
    // RoutingContext (the request's parameters, cookies, data) for the stream's whole life: they
    // go too, and the hooks registered through RequestEnd (the access log) run when it closes.
    HttpServerResponse response = ctx.response();
    List<Handler<Boolean>> ends = RequestEnd.detach(ctx);
    Context context = vertx.getOrCreateContext();
    // Only per-viewer renders use the session and the CSRF token: other streams keep neither.
    LiveConnection conn = new LiveConnection(context, sse, session, session != null ? CsrfHandler.token(ctx) : null, page, grant,
      hub.metrics(), o.getSlowConsumerMillis());
    String subject = grant.subject();
    long opened = System.nanoTime();
    // Text mode keeps nothing extra per stream; JSON mode keeps the line's fixed fields for the closing line.
    JsonObject jsonLine = logFormat == LogFormat.JSON
      ? LogLines.of("live.stream.opened", ctx).put("page", page.id()).put("topics", grant.topics().size()).put("address", address)
      : null;
    sse.closeHandler(v -> {
      conn.leaveClock();
      limiter.release(subject, address);
      hub.detach(conn);
      boolean cut = !response.ended();
      ends.forEach(end -> end.handle(cut));
      if (jsonLine != null) {
        log.info(LogLines.from(jsonLine, "live.stream.closed").put("seconds", (System.nanoTime() - opened) / 1_000_000_000L)
          .put("open", hub.connectionCount()).encode());
        return;
      }
      log.info("live stream closed: page={} topics={} address={} seconds={} open={}", page.id(), grant.topics().size(), address,
        (System.nanoTime() - opened) / 1_000_000_000L, hub.connectionCount());
    });
    // With the first patches the tab forgets its page's fingerprints (a fresh @get must not
    // present them once patches have changed the page), and the event id makes a Datastar
    // retry, which resends this request's signals, say so with Last-Event-ID.
    conn.shownOnPage(shown, SHOWN_RECEIVED, SHOWN_RECEIVED_NO_ID);
    hub.attach(conn, lastEventId);
    if (jsonLine != null) {
      log.info(LogLines.from(jsonLine, "live.stream.opened").put("open", hub.connectionCount()).encode());
    } else {
      log.info("live stream opened: page={} topics={} address={} open={}", page.id(), grant.topics().size(), address, hub.connectionCount());
    }
    long lifetime = 0;
    if (o.getMaxLifetimeMillis() > 0) {
      lifetime = o.getMaxLifetimeMillis() + (long) (o.getMaxLifetimeMillis() * o.getLifetimeJitter() * ThreadLocalRandom.current().nextDouble());
    }
    conn.deadlines(opened, o.getHeartbeatMillis(), lifetime, refreshDelay(grant), refresher);
    if (!sse.isClosed()) {
      hub.clock(conn).add(conn);
    }
  }

  /** @return milliseconds until a third of the token lifetime before {@code grant} expires (at least a second) */
  private long refreshDelay(TopicGrant grant) {
    long lifetime = Duration.ofSeconds(security.getToken().getLifetimeSeconds()).toMillis();
    long at = grant.expiresAt().toEpochMilli() - lifetime / 3 - Instant.now().toEpochMilli();
    return Math.max(1000, at);
  }

  /** Sends a fresh token as a signal patch; the clock calls it when the refresh is due. */
  private long refresh(LiveConnection conn) {
    TopicGrant grant = conn.grant();
    TopicGrant fresh = tokens.grant(grant.topics(), grant.scope(), grant.subject(), grant.params(), grant.viewer());
    conn.grant(fresh);
    conn.send(PatchSignals.of(new JsonObject().put(SIGNAL, new JsonObject().put("t", tokens.sign(fresh)))).toSseEvent());
    return refreshDelay(fresh);
  }

  private void refuse(RoutingContext ctx, int status, String message) {
    hub.metrics().refused.increment();
    // The reason only: never the token or the query string that carries it.
    log.info("live stream refused: status={} reason=\"{}\" address={}", status, message,
      SecurityHandlers.clientAddress(ctx, security));
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }
}
