package dev.honostar.live.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.impl.BlockingExecutor;
import dev.honostar.observability.Tracing;
import dev.honostar.observability.impl.LiveSpans;
import dev.honostar.page.Region;
import dev.honostar.protocol.PatchElements;
import dev.honostar.protocol.SseEvent;
import dev.honostar.view.ViewEngine;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one {@link Channel} sends: for its page, topic, query and view, an event becomes the
 * query's model, the regions' HTML and then the encoded SSE bytes tabs are written. The channel
 * decides when to render and who receives it; this decides what. Confined to the hub's context.
 *
 * <p>A keyed-list region is also kept as its items ({@link KeyedList}) so that the next render
 * goes to tabs as the items that changed; a tab that does not show the previous render (it
 * joined since, or fell behind) gets the region whole.
 */
final class RegionRenderer {

  private static final Logger log = LoggerFactory.getLogger(RegionRenderer.class);

  /** What every renderer of a hub shares: the view engine, metrics, tracing and the order of keyed renders. */
  static final class Shared {
    private final Vertx vertx;
    private final ViewEngine view;
    private final BlockingExecutor blocking;
    private final LiveMetrics metrics;
    private final Supplier<Tracing> tracing;
    /** The presence set of a topic, for presence regions' queries. */
    private final java.util.function.Function<Topic, dev.honostar.presence.PresenceSet> presence;
    private final Set<String> notKeyedWarned = new HashSet<>();
    private long versions;

    Shared(Vertx vertx, ViewEngine view, BlockingExecutor blocking, LiveMetrics metrics, Supplier<Tracing> tracing,
           java.util.function.Function<Topic, dev.honostar.presence.PresenceSet> presence) {
      this.presence = presence;
      this.vertx = vertx;
      this.view = view;
      this.blocking = blocking;
      this.metrics = metrics;
      this.tracing = tracing;
    }

    /** A keyed-list region rendered in a shape that cannot be sent as item changes: said once per region. */
    private void notKeyed(Region region, String why) {
      if (notKeyedWarned.add(region.name())) {
        log.warn("Region '{}' is declared a keyed list but is sent whole: {}. Give every element child of its root a plain id (docs/live-updates.md#keyed-lists)",
          region.name(), why);
      }
    }
  }

  private final Shared shared;
  private final LivePage page;
  private final Topic topic;
  private final QueryDef query;
  private final View view;
  /** The one connection of a per-viewer query, whose session the query sees; else {@code null}. */
  private final LiveConnection owner;
  /** Patch keys of the regions, which later patches of the same region supersede. */
  private final List<String> regionKeys;
  /**
   * The last render of each keyed-list region (else {@code null}), what the next render is
   * parsed against; what the tabs were sent of it (cut to the region's limit; the same list when
   * the limit did not cut), what the next render's changes are computed from; and that render's
   * version (one per render: every keyed region of it shares it).
   */
  private final KeyedList[] lists;
  private final KeyedList[] shown;
  private long listVersion = -1;

  RegionRenderer(Shared shared, LivePage page, Topic topic, QueryDef query, View view, LiveConnection owner) {
    this.shared = shared;
    this.page = page;
    this.topic = topic;
    this.query = query;
    this.view = view;
    this.owner = owner;
    List<String> keys = new ArrayList<>(query.regions().size());
    for (Region region : query.regions()) {
      keys.add(page.id() + "|" + topic.name() + "|" + region.name());
    }
    this.regionKeys = List.copyOf(keys);
    this.lists = new KeyedList[keys.size()];
    this.shown = new KeyedList[keys.size()];
  }

  /** @return whether this renders a presence region (which renders on presence changes only) */
  boolean presence() {
    return query.presence();
  }

  /**
   * Runs the query once for the view, renders its regions once and encodes them.
   *
   * @param event the event that changed the topic, or {@code null} (a joining tab, a bus reconnect)
   * @return the patches, or {@code null} when nothing goes out: the render or its encoding failed
   *     (counted and logged; the next event renders again and the tabs heal then)
   */
  Future<LiveConnection.Patches> render(DomainEvent event) {
    return html(event).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(null);
      }
      try {
        return Future.succeededFuture(patches(ar.result()));
      } catch (RuntimeException | LinkageError e) {
        shared.metrics.renderFailures.increment();
        log.error("Encoding the regions of topic {} for page {} (view {}) failed", topic, page.id(), view.describe(), e);
        return Future.succeededFuture(null);
      }
    });
  }

  /** The query's model rendered into each region's HTML. */
  @SuppressWarnings("unchecked")
  private Future<List<String>> html(DomainEvent event) {
    boolean perViewer = owner != null;
    if (perViewer && owner.isClosed()) {
      return Future.succeededFuture(List.of());
    }
    LiveMetrics metrics = shared.metrics;
    Map<String, Object> data = perViewer && owner.csrfToken() != null ? Map.of(ViewEngine.DATA_CSRF_TOKEN, owner.csrfToken()) : Map.of();
    QueryContextImpl qc = new QueryContextImpl(shared.vertx, topic, event, view, perViewer ? owner.session() : null, shared.blocking,
      shared.presence);
    Timer.Sample sample = Timer.start();
    io.opentelemetry.api.trace.Span span = LiveSpans.render(shared.tracing.get(), event, page.id(), perViewer);
    (perViewer ? metrics.viewerQueries : query.presence() ? metrics.presenceQueries : metrics.sharedQueries).increment();
    Future<Object> model;
    try {
      model = (Future<Object>) query.query().load(qc);
    } catch (RuntimeException e) {
      model = Future.failedFuture(e);
    }
    return model.map(m -> {
      List<Region> regions = query.regions();
      List<String> out = new ArrayList<>(regions.size());
      for (Region region : regions) {
        out.add(shared.view.renderRegion(region.name(), m, data).strip());
      }
      if (perViewer) {
        metrics.viewerRenders.increment();
      } else {
        (query.presence() ? metrics.presenceRenders : metrics.sharedRenders).increment();
        sample.stop(metrics.renderTime);
      }
      return out;
    }).onFailure(err -> {
      metrics.renderFailures.increment();
      log.error("Rendering topic {} of page {} (view {}) failed", topic, page.id(), perViewer ? "per viewer" : view.describe(), err);
    }).onComplete(ar -> LiveSpans.end(span, ar));
  }

  /** Encodes one render of the regions: fat regions whole, keyed lists also as their change since the last render. */
  private LiveConnection.Patches patches(List<String> html) {
    List<LiveConnection.Keyed> out = new ArrayList<>(html.size());
    long version = -1;
    for (int i = 0; i < html.size(); i++) {
      Region region = query.regions().get(i);
      if (!region.isKeyedList()) {
        out.add(new LiveConnection.Keyed(regionKeys.get(i), PatchElements.of(html.get(i)).toSseEvent(),
          new RegionShown(region.name(), html.get(i))));
        continue;
      }
      if (version < 0) {
        version = ++shared.versions;
      }
      KeyedList next = null;
      KeyedList nextShown = null;
      List<PatchElements> diff = null;
      try {
        // Parsed where it differs from the last render only; an untouched view costs nothing.
        next = lists[i] == null ? KeyedList.parse(html.get(i)) : lists[i].next(html.get(i));
        // An unchanged render keeps its cut (no new string per event for a view nothing touched).
        nextShown = next == lists[i] && shown[i] != null ? shown[i] : next.limit(region.limit());
        diff = shown[i] == null ? null : next == lists[i] ? List.of() : shown[i].diff(nextShown, region.overflow());
      } catch (KeyedList.NotKeyedException e) {
        shared.notKeyed(region, e.getMessage());
      }
      SseEvent full = full(region, nextShown, html.get(i));
      SseEvent change = full;
      if (diff != null) {
        change = diff.isEmpty() ? null : SseEvent.concat(diff.stream().map(PatchElements::toSseEvent).toList());
        // With an overflow container the change is sent even when larger: only it moves the items
        // that leave the window into the tab's loaded ones.
        if (change != null && region.overflow() == null && change.length() >= full.length()) {
          change = full;
        }
      }
      // With an overflow container a whole patch also moves items: never left out.
      RegionShown whole = region.overflow() != null ? null : new RegionShown(region.name(), nextShown == null ? html.get(i) : nextShown.html());
      out.add(new LiveConnection.Keyed(regionKeys.get(i), change, full, shown[i] == null ? -1 : listVersion, version, whole));
      lists[i] = next;
      shown[i] = nextShown;
    }
    if (version >= 0) {
      listVersion = version;
    }
    return LiveConnection.Patches.of(out);
  }

  /**
   * The whole region as a tab that joins or heals receives it: the render cut to the region's
   * limit, and with an overflow container, the items now in the window taken out of it.
   */
  private static SseEvent full(Region region, KeyedList shown, String html) {
    if (shown == null) {
      return PatchElements.of(html).toSseEvent();
    }
    SseEvent whole = PatchElements.of(shown.html()).toSseEvent();
    if (region.overflow() == null) {
      return whole;
    }
    List<SseEvent> events = new ArrayList<>(3);
    events.add(whole);
    KeyedList.overflowPatches(region.overflow(), "", shown.ids()).forEach(p -> events.add(p.toSseEvent()));
    return SseEvent.concat(events);
  }
}
