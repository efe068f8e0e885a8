package dev.honostar.live.impl;

import dev.honostar.protocol.SseEvent;
import dev.honostar.protocol.SseStream;
import dev.honostar.security.TopicGrant;
import io.vertx.core.Context;
import io.vertx.ext.web.Session;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One browser tab's stream. Confined to the event loop of its request: every method is
 * called on {@link #context()}.
 *
 * <p>While the socket has room, patches are written at once. When it is full, the latest patch
 * per region is kept (a newer one supersedes an older one, which is lossless for fat patches)
 * and written once the socket drains; memory is therefore bounded by the number of regions.
 * A stream that stays full past the slow-consumer limit is closed and heals on reconnect.
 *
 * <p>Its deadlines (heartbeat, slow-consumer check, token refresh, end of lifetime) are plain
 * fields, driven by its event loop's {@link ConnectionClock} through {@link #tick(long)}.
 */
public final class LiveConnection {

  private final Context context;
  /** The event loop this stream lives on; see {@link #loopOf(Context)}. */
  private final Object loop;
  private final SseStream sse;
  private final Session session;
  private final String csrfToken;
  private final LivePage page;
  private volatile TopicGrant grant;
  private final LiveMetrics metrics;
  private final long slowConsumerMillis;
  private final Map<String, SseEvent> pending = new LinkedHashMap<>();
  /** The render of each keyed-list region this tab shows (or will, once pending patches go), by patch key; lazy. */
  private Map<String, Long> versions;
  /** What the tab's page rendered, until its first patches are written; see {@link #shownOnPage}. */
  private Map<String, String> shownOnPage;
  /** Written with the first patches while the tab still holds its page's fingerprints. */
  private SseEvent shownReceived;
  private SseEvent shownReceivedNoId;
  private boolean positioned;
  private static final String SHOWN_KEY = "\0shown";
  private long stuckSince = -1;
  /** Issues a fresh token for this stream; see {@link #deadlines}. */
  private Refresher refresher;
  private long heartbeatNanos;
  private long nextHeartbeat;
  private long refreshAt;
  private boolean hasEnd;
  private long endAt;
  private boolean ending;
  /** The clock that drives this stream's deadlines, and the stream's index in its list. */
  ConnectionClock clock;
  int clockSlot = -1;

  /** Sends a fresh token on a stream. */
  interface Refresher {
    /** @return milliseconds until the next refresh is due */
    long refresh(LiveConnection conn);
  }

  LiveConnection(Context context, SseStream sse, Session session, String csrfToken, LivePage page, TopicGrant grant,
                 LiveMetrics metrics, long slowConsumerMillis) {
    this.context = context;
    this.loop = loopOf(context);
    this.sse = sse;
    this.session = session;
    this.csrfToken = csrfToken;
    this.page = page;
    this.grant = grant;
    this.metrics = metrics;
    this.slowConsumerMillis = slowConsumerMillis;
    sse.drainHandler(v -> flush());
  }

  public Context context() {
    return context;
  }

  /** @return what names this stream's event loop: streams with equal loops run on one thread */
  Object loop() {
    return loop;
  }

  /**
   * Names the event loop of {@code context}, which must be the current one. Each request has a
   * context of its own, but every context of an event loop runs on the loop's one thread, so
   * the thread names the loop. A worker context runs on changing threads: it names itself.
   */
  static Object loopOf(Context context) {
    return context.isEventLoopContext() ? Thread.currentThread() : context;
  }

  /** @return the viewer's session, kept only when the page has per-viewer queries (else {@code null}) */
  public Session session() {
    return session;
  }

  /** @return the CSRF token for per-viewer regions, kept only when the page has per-viewer queries */
  String csrfToken() {
    return csrfToken;
  }

  public LivePage page() {
    return page;
  }

  public TopicGrant grant() {
    return grant;
  }

  void grant(TopicGrant grant) {
    this.grant = grant;
  }

  public boolean isClosed() {
    return sse.isClosed();
  }

  /** Writes (or keeps, superseding) one encoded patch per key. */
  void offer(Patches patches) {
    long written = offerCounting(patches);
    if (written > 0) {
      metrics.bytesWritten.increment(written);
    }
  }

  /**
   * As {@link #offer}, leaving the byte count to the caller: a fan-out adds up its streams and
   * counts once, since a meter update per write (a composite registry walks its children each
   * time) cost a few per cent of the node's CPU at 10,000 streams.
   *
   * @return the bytes handed to the socket now
   */
  long offerCounting(Patches patches) {
    if (sse.isClosed()) {
      return 0;
    }
    long written = 0;
    if (shownOnPage != null && pending.isEmpty() && !sse.writeQueueFull()) {
      written += writeJoining(patches);
    } else if (pending.isEmpty() && !sse.writeQueueFull()) {
      // A keyed list's change since the last render applies only to a tab that shows that
      // render; any other tab takes the whole of every region. Either way one write: a flush
      // (a system call) per region and tab was a large part of a fan-out's cost.
      boolean inStep = true;
      for (Keyed e : patches.each()) {
        if (e.version() >= 0) {
          inStep &= versionOf(e.key()) == e.base();
          versions().put(e.key(), e.version());
        }
      }
      SseEvent event = inStep ? patches.inStep() : patches.whole();
      if (event != null) {
        written += writeUncounted(event);
      }
    } else {
      if (shownOnPage != null) {
        // Behind a full socket: no comparing, everything goes whole, after the acknowledgement.
        shownOnPage = null;
        if (shownReceived != null) {
          pending.put(SHOWN_KEY, positioned ? shownReceivedNoId : shownReceived);
          shownReceived = null;
        }
      }
      for (Keyed e : patches.each()) {
        if (e.version() >= 0) {
          versions().put(e.key(), e.version());
        }
        // Waiting patches are whole regions: a newer one supersedes an older one losslessly.
        if (pending.remove(e.key()) != null) {
          metrics.superseded.increment();
        }
        pending.put(e.key(), e.full());
        if (stuckSince < 0) {
          stuckSince = System.nanoTime();
        }
      }
    }
    checkStuck();
    return written;
  }

  /**
   * The first write of a tab whose page reported what it rendered: every region whole, except
   * those the page shows exactly as this render does (nothing at all when the page is current).
   */
  private long writeJoining(Patches patches) {
    List<SseEvent> out = new java.util.ArrayList<>(patches.each().size() + 1);
    if (shownReceived != null) {
      // After a position the tab has an event id to retry with: keep it (it also replays effects).
      out.add(positioned ? shownReceivedNoId : shownReceived);
      shownReceived = null;
    }
    int skipped = 0;
    for (Keyed e : patches.each()) {
      if (e.version() >= 0) {
        versions().put(e.key(), e.version());
      }
      // Each region is compared on its first patch only (a page's queries join one by one).
      RegionShown shown = e.shown();
      String region = shown == null ? null : shown.region();
      if (shown != null && shownOnPage.containsKey(region) && shown.shownIn(shownOnPage)) {
        skipped++;
      } else {
        out.add(e.full());
      }
      if (region != null) {
        shownOnPage.remove(region);
      }
    }
    if (shownOnPage.isEmpty()) {
      shownOnPage = null;
    }
    if (skipped > 0) {
      metrics.joinsSkipped.increment(skipped);
    }
    if (out.isEmpty()) {
      return 0;
    }
    return writeUncounted(out.size() == 1 ? out.get(0) : SseEvent.concat(out));
  }

  /**
   * Fingerprints of the regions the tab's page rendered ({@code _hslive.s}), each compared on
   * the region's first patch on this stream, then forgotten. {@code received} is written first,
   * with the first patches: it tells the tab to forget them too.
   */
  void shownOnPage(Map<String, String> fingerprints, SseEvent received, SseEvent receivedNoId) {
    if (fingerprints != null && !fingerprints.isEmpty()) {
      this.shownOnPage = new HashMap<>(fingerprints);
      this.shownReceived = received;
      this.shownReceivedNoId = receivedNoId;
    }
  }

  /** The replay window sent this tab a position (an SSE id a Datastar retry presents). */
  void positioned() {
    positioned = true;
  }

  private long versionOf(String key) {
    Long v = versions == null ? null : versions.get(key);
    return v == null ? Long.MIN_VALUE : v;
  }

  private Map<String, Long> versions() {
    if (versions == null) {
      versions = new HashMap<>(4);
    }
    return versions;
  }

  /** Writes an event that must not be superseded (a token refresh); it queues behind pending patches. */
  void send(SseEvent event) {
    if (sse.isClosed()) {
      return;
    }
    if (pending.isEmpty() && !sse.writeQueueFull()) {
      write(event);
    } else {
      pending.put("\0" + event.type() + System.identityHashCode(event), event);
    }
  }

  private void write(SseEvent event) {
    metrics.bytesWritten.increment(writeUncounted(event));
  }

  private long writeUncounted(SseEvent event) {
    sse.write(event);
    return event.length();
  }

  private void flush() {
    Iterator<SseEvent> it = pending.values().iterator();
    while (it.hasNext() && !sse.writeQueueFull()) {
      SseEvent e = it.next();
      it.remove();
      write(e);
    }
    if (pending.isEmpty()) {
      stuckSince = -1;
    }
  }

  /**
   * Sets the deadlines the clock drives, counted from {@code now} ({@link System#nanoTime()}).
   *
   * @param heartbeatMillis interval of heartbeat comments, {@code 0} for none
   * @param lifetimeMillis when the stream ends (the browser reconnects), {@code 0} for never
   * @param refreshMillis when {@code refresher} is first due
   */
  void deadlines(long now, long heartbeatMillis, long lifetimeMillis, long refreshMillis, Refresher refresher) {
    this.refresher = refresher;
    this.heartbeatNanos = heartbeatMillis * 1_000_000;
    this.nextHeartbeat = now + heartbeatNanos;
    this.hasEnd = lifetimeMillis > 0;
    this.endAt = now + lifetimeMillis * 1_000_000;
    this.refreshAt = now + refreshMillis * 1_000_000;
  }

  /** Stops the clock from driving this stream (it closed). */
  void leaveClock() {
    ConnectionClock c = clock;
    if (c != null) {
      c.remove(this);
    }
  }

  /** One tick of the clock: runs whatever deadline has passed at {@code now}. */
  void tick(long now) {
    if (ending || sse.isClosed()) {
      return;
    }
    checkStuck(now);
    if (sse.isClosed()) {
      return;
    }
    if (hasEnd && now - endAt >= 0) {
      end();
      return;
    }
    if (refresher != null && now - refreshAt >= 0) {
      refreshAt = now + refresher.refresh(this) * 1_000_000;
    }
    if (heartbeatNanos > 0 && now - nextHeartbeat >= 0) {
      nextHeartbeat = now + heartbeatNanos;
      sse.heartbeat();
    }
  }

  /** Called from writes and clock ticks: closes a stream whose client has not read for too long. */
  void checkStuck() {
    checkStuck(System.nanoTime());
  }

  private void checkStuck(long now) {
    if (stuckSince >= 0 && (now - stuckSince) / 1_000_000 > slowConsumerMillis) {
      metrics.slowDisconnects.increment();
      pending.clear();
      sse.close();
    }
  }

  /** Ends the stream cleanly (lifetime or drain): the browser reconnects. */
  void end() {
    if (ending) {
      return;
    }
    ending = true;
    pending.clear();
    sse.end();
  }

  int pendingCount() {
    return pending.size();
  }

  /**
   * A patch with the key that later patches of the same region supersede. A fat region has
   * one event ({@code full}). A keyed list also has its {@code change} from render
   * {@code base} to render {@code version} ({@code null} when nothing changed), written instead
   * of {@code full} to a tab known to show {@code base}.
   */
  record Keyed(String key, SseEvent change, SseEvent full, long base, long version, RegionShown shown) {

    /** A fat region's patch; {@code shown} is what {@code event} makes the tab show, or {@code null}. */
    Keyed(String key, SseEvent event, RegionShown shown) {
      this(key, event, event, -1, -1, shown);
    }

    /** A keyed list's whole region at render {@code version}, for a tab that joins. */
    Keyed whole() {
      return version < 0 ? this : new Keyed(key, full, full, -1, version, shown);
    }
  }

  /**
   * One render's patches, with what a tab is sent as one write: {@link #inStep()}, for a tab
   * that shows the previous render (each keyed list's change, {@code null} when nothing
   * changed), and {@link #whole()}, every region whole. Each is built at most once per render
   * and shared by every tab, so a compressed event is deflated once; {@code whole} only when a
   * tab needs it, since a render that every tab follows never writes it and it copies every
   * region's bytes (tens of KB for a long list).
   */
  static final class Patches {
    private final List<Keyed> each;
    /** The in-step write when it is not {@link #whole()}; null when nothing changed. */
    private final SseEvent change;
    private final boolean inStepIsWhole;
    /** Where {@link #whole()} is built and kept: these patches, or the render they join. */
    private final Patches wholeOf;
    private volatile SseEvent whole;

    private Patches(List<Keyed> each, SseEvent change, boolean inStepIsWhole, Patches wholeOf) {
      this.each = each;
      this.change = change;
      this.inStepIsWhole = inStepIsWhole;
      this.wholeOf = wholeOf == null ? this : wholeOf;
    }

    static Patches of(List<Keyed> each) {
      List<SseEvent> changes = new java.util.ArrayList<>(each.size());
      boolean allWhole = true;
      for (Keyed e : each) {
        if (e.change() != null) {
          changes.add(e.change());
        }
        allWhole &= e.change() == e.full();
      }
      List<Keyed> copy = List.copyOf(each);
      if (changes.isEmpty()) {
        return new Patches(copy, null, false, null);
      }
      // When every region is sent whole, the in-step write is the whole one.
      return allWhole ? new Patches(copy, null, true, null) : new Patches(copy, SseEvent.concat(changes), false, null);
    }

    List<Keyed> each() {
      return each;
    }

    SseEvent inStep() {
      return inStepIsWhole ? whole() : change;
    }

    SseEvent whole() {
      Patches owner = wholeOf;
      SseEvent w = owner.whole;
      if (w == null) {
        // Tabs on several event loops may ask at once; one builds it, so one copy is deflated.
        synchronized (owner) {
          w = owner.whole;
          if (w == null) {
            w = SseEvent.concat(owner.each.stream().map(Keyed::full).toList());
            owner.whole = w;
          }
        }
      }
      return w;
    }

    /** @return these patches for tabs that join: every region whole (built when one joins) */
    Patches forJoining() {
      return new Patches(each.stream().map(Keyed::whole).toList(), null, true, wholeOf);
    }
  }
}
