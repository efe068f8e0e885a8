package dev.honostar.presence.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.bus.TopicSubscription;
import dev.honostar.presence.Presence;
import dev.honostar.presence.PresenceMember;
import dev.honostar.presence.PresenceOptions;
import dev.honostar.presence.PresenceSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence over the app's {@link TopicBus}: confined to one context (the live hub's, in an app).
 *
 * <p>Wire: on the topic {@code _hsp.<topic>} each node publishes {@value #STATE} with the full list
 * of its own members of the topic and a sequence number, when that list changes and every
 * heartbeat; a node that starts watching publishes {@value #SYNC} and every node with members
 * answers with its state. A full list rather than deltas makes every message idempotent, so a
 * lost or duplicated one heals with the next heartbeat; an empty list is a node's clean goodbye.
 * A node's own members never go through the broker.
 */
public final class PresenceImpl implements Presence {

  /** A node's full list of its own members of a topic. */
  static final String STATE = "presence.state";
  /** A newly watching node asks for every node's state. */
  static final String SYNC = "presence.sync";
  /** The prefix of the topic presence is announced on, beside the page's topic (whose tabs it would re-render). */
  public static final String WIRE_PREFIX = "_hsp.";
  /** How long {@link #members} waits for answers on a topic this node does not watch. */
  private static final long GATHER_MILLIS = 250;

  private static final Logger log = LoggerFactory.getLogger(PresenceImpl.class);

  private final Vertx vertx;
  private final Context context;
  private final TopicBus bus;
  private final PresenceOptions options;
  private final long tickMillis;
  /** Confined to {@link #context}. */
  private final Map<Topic, TopicState> topics = new HashMap<>();
  /** What {@link #current} answers from any thread. */
  private final Map<Topic, PresenceSet> snapshots = new ConcurrentHashMap<>();
  private final long timer;
  private long seq;
  private boolean closed;

  public PresenceImpl(Vertx vertx, TopicBus bus, PresenceOptions options) {
    options.check();
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.bus = bus;
    this.options = options;
    this.tickMillis = Math.max(25, options.getHeartbeatMillis() / 2);
    this.timer = vertx.setPeriodic(tickMillis, id -> onContext(this::tick));
  }

  /** @return the topic {@code topic}'s presence is announced on */
  public static Topic wireTopic(Topic topic) {
    return Topic.of(WIRE_PREFIX + topic.name());
  }

  // ---- Presence ------------------------------------------------------------------------------------------------

  @Override
  public PresenceSet current(Topic topic) {
    PresenceSet set = snapshots.get(topic);
    return set != null ? set : PresenceSet.empty(topic);
  }

  @Override
  public Future<PresenceSet> members(Topic topic) {
    Promise<PresenceSet> result = Promise.promise();
    onContext(() -> {
      TopicState state = topics.get(topic);
      if (state != null && state.watchers > 0 && state.subscribed) {
        result.complete(current(topic));
        return;
      }
      if (closed) {
        result.complete(PresenceSet.empty(topic));
        return;
      }
      Registration watch = watch(topic);
      // Answers to the sync arrive within a broker round trip of the subscription.
      topics.get(topic).ready.future().onComplete(ar -> vertx.setTimer(GATHER_MILLIS, id -> onContext(() -> {
        result.complete(current(topic));
        watch.stop();
      })));
    });
    return result.future();
  }

  @Override
  public Registration watch(Topic topic) {
    wireTopic(topic); // a topic too long to prefix fails here, in the caller
    Once stop = new Once(() -> unwatch(topic));
    onContext(() -> {
      if (closed) {
        stop.done = true;
        return;
      }
      watchState(topic);
    });
    return () -> onContext(stop::run);
  }

  @Override
  public Registration join(Topic topic, PresenceMember member) {
    wireTopic(topic);
    Once stop = new Once(() -> leave(topic, member));
    onContext(() -> {
      if (closed) {
        stop.done = true;
        return;
      }
      TopicState state = watchState(topic);
      Local local = state.local.get(member.id());
      if (local == null) {
        state.local.put(member.id(), new Local(member, 1));
        announce(state);
        recompute(state);
        return;
      }
      local.tabs++;
      if (local.graceTimer >= 0) {
        // Back within the grace period (a reload): the member never left; the left tab's watch ends now.
        vertx.cancelTimer(local.graceTimer);
        local.graceTimer = -1;
        state.watchers--;
      }
    });
    return () -> onContext(stop::run);
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    onContext(() -> {
      if (closed) {
        done.complete();
        return;
      }
      closed = true;
      vertx.cancelTimer(timer);
      List<Future<Void>> goodbyes = new ArrayList<>();
      for (TopicState state : topics.values()) {
        if (!state.local.isEmpty()) {
          state.local.clear();
          goodbyes.add(announce(state));
        }
        state.unsubscribe();
      }
      topics.clear();
      snapshots.clear();
      Future.join(goodbyes).onComplete(ar -> done.complete());
    });
    return done.future();
  }

  // ---- on the context ------------------------------------------------------------------------------------------

  private void onContext(Runnable work) {
    if (Vertx.currentContext() == context) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }

  private TopicState watchState(Topic topic) {
    TopicState state = topics.computeIfAbsent(topic, TopicState::new);
    if (state.watchers++ == 0 && state.subscription == null) {
      Future<TopicSubscription> sub = bus.subscribe(state.wire, event -> onWire(state, event));
      state.subscription = sub;
      sub.onComplete(ar -> {
        if (ar.failed()) {
          log.warn("Presence of topic {} is this node's only: {}", topic, ar.cause().getMessage());
        } else if (topics.get(topic) == state) {
          state.subscribed = true;
          bus.publish(DomainEvent.of(state.wire, SYNC));
        }
        state.ready.tryComplete();
      });
    }
    return state;
  }

  private void unwatch(Topic topic) {
    TopicState state = topics.get(topic);
    if (state == null) {
      return;
    }
    state.watchers--;
    if (state.watchers <= 0 && state.local.isEmpty()) {
      state.unsubscribe();
      topics.remove(topic);
      snapshots.remove(topic);
    }
  }

  private void leave(Topic topic, PresenceMember member) {
    TopicState state = topics.get(topic);
    Local local = state == null ? null : state.local.get(member.id());
    if (local == null) {
      return;
    }
    if (--local.tabs > 0) {
      unwatch(topic);
      return;
    }
    long grace = options.getLeaveGraceMillis();
    if (grace == 0) {
      gone(state, local);
      return;
    }
    local.graceTimer = vertx.setTimer(grace, id -> onContext(() -> {
      if (local.graceTimer == id && topics.get(topic) == state) {
        gone(state, local);
      }
    }));
  }

  /** The member's last tab left this node (and the grace period passed). */
  private void gone(TopicState state, Local local) {
    local.graceTimer = -1;
    state.local.remove(local.member.id());
    announce(state);
    recompute(state);
    unwatch(state.topic);
  }

  private Future<Void> announce(TopicState state) {
    JsonArray members = new JsonArray();
    state.local.values().forEach(l -> members.add(l.member.toJson()));
    state.lastAnnounced = System.nanoTime();
    return bus.publish(DomainEvent.of(state.wire, STATE, new JsonObject().put("members", members).put("seq", ++seq)))
      .onFailure(err -> log.debug("Presence announcement of topic {} not sent: {}", state.topic, err.getMessage()));
  }

  private void onWire(TopicState state, DomainEvent event) {
    if (closed || topics.get(state.topic) != state || bus.nodeId().equals(event.origin())) {
      return;
    }
    if (SYNC.equals(event.name())) {
      if (!state.local.isEmpty()) {
        announce(state);
      }
      return;
    }
    if (!STATE.equals(event.name())) {
      return;
    }
    long n = event.payload().getValue("seq") instanceof Number num ? num.longValue() : 0;
    Remote previous = state.remote.get(event.origin());
    if (previous != null && n <= previous.seq) {
      return; // an older announcement overtaken by a newer one
    }
    List<PresenceMember> members = new ArrayList<>();
    if (event.payload().getValue("members") instanceof JsonArray list) {
      for (Object o : list) {
        PresenceMember m = PresenceMember.fromJson(o);
        if (m != null) {
          members.add(m);
        }
      }
    }
    state.remote.put(event.origin(), new Remote(List.copyOf(members), n, System.nanoTime()));
    recompute(state);
  }

  private void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    long ttl = options.getTtlMillis() * 1_000_000L;
    long heartbeat = (options.getHeartbeatMillis() - tickMillis / 2) * 1_000_000L;
    for (TopicState state : new ArrayList<>(topics.values())) {
      // A node silent for the time to live crashed or lost the broker: its members are gone.
      if (state.remote.values().removeIf(r -> now - r.seenAt > ttl)) {
        recompute(state);
      }
      if (!state.local.isEmpty() && now - state.lastAnnounced >= heartbeat) {
        announce(state);
      }
    }
  }

  /** After a broker outage: ask again, and announce this node's members at once. */
  public void resync() {
    onContext(() -> {
      for (TopicState state : topics.values()) {
        if (state.subscribed) {
          bus.publish(DomainEvent.of(state.wire, SYNC));
        }
        if (!state.local.isEmpty()) {
          announce(state);
        }
      }
    });
  }

  /** The union of this node's and every live node's members; tells the node's subscribers who came and went. */
  private void recompute(TopicState state) {
    Map<String, PresenceMember> next = new LinkedHashMap<>();
    state.local.values().forEach(l -> next.putIfAbsent(l.member.id(), l.member));
    state.remote.values().forEach(r -> r.members.forEach(m -> next.putIfAbsent(m.id(), m)));
    Map<String, PresenceMember> before = state.current;
    state.current = next;
    snapshots.put(state.topic, PresenceSet.of(state.topic, next.values()));
    before.forEach((id, m) -> {
      if (!next.containsKey(id)) {
        bus.publishLocally(DomainEvent.of(state.topic, LEAVE, m.toJson()));
      }
    });
    next.forEach((id, m) -> {
      if (!before.containsKey(id)) {
        bus.publishLocally(DomainEvent.of(state.topic, JOIN, m.toJson()));
      }
    });
  }

  private final class TopicState {
    final Topic topic;
    final Topic wire;
    final Promise<Void> ready = Promise.promise();
    /** Watches and joins that have not stopped; a member in its grace period still counts its last one. */
    int watchers;
    final Map<String, Local> local = new LinkedHashMap<>();
    final Map<String, Remote> remote = new HashMap<>();
    Map<String, PresenceMember> current = Map.of();
    Future<TopicSubscription> subscription;
    boolean subscribed;
    long lastAnnounced;

    TopicState(Topic topic) {
      this.topic = topic;
      this.wire = wireTopic(topic);
    }

    void unsubscribe() {
      if (subscription != null) {
        subscription.onSuccess(TopicSubscription::unsubscribe);
      }
    }
  }

  private static final class Local {
    final PresenceMember member;
    int tabs;
    long graceTimer = -1;

    Local(PresenceMember member, int tabs) {
      this.member = member;
      this.tabs = tabs;
    }
  }

  private record Remote(List<PresenceMember> members, long seq, long seenAt) {
  }

  /** A stop that runs once. */
  private static final class Once {
    final Runnable action;
    boolean done;

    Once(Runnable action) {
      this.action = action;
    }

    void run() {
      if (!done) {
        done = true;
        action.run();
      }
    }
  }
}
