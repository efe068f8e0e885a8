package dev.honostar.presence;

import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.presence.impl.PresenceImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Who is viewing a topic, across every node of the app, on any bus. A live page declares its
 * viewer ({@link dev.honostar.page.Page#presenceMember}) and a region that shows the set
 * ({@link dev.honostar.page.Queries#onPresence}); the framework tracks its tabs. Code can read the
 * set and track members of its own:
 *
 * <pre>{@code
 * Presence presence = honostar.presence();
 * presence.members(Topic.of("issue", 42)).onSuccess(set -> System.out.println(set.names()));
 * Presence.Registration here = presence.join(Topic.of("room", 7), PresenceMember.of("bot", "Helper bot"));
 * here.stop(); // leaves after the grace period
 * }</pre>
 *
 * <p>Every node where the topic is watched publishes, to its own subscribers of the topic only
 * ({@link TopicBus#publishLocally}), an event {@value #JOIN} when a member appears in its set and
 * {@value #LEAVE} when one disappears, with the member's {@code id} and {@code name} as payload.
 * Each node announces its own members on the bus (when they change and every heartbeat), keeps
 * the union of every node's announcements, and forgets a node it has not heard from for the
 * time to live: see {@link PresenceOptions} and docs/presence.md.
 */
public interface Presence {

  /** The event a node's subscribers of a topic receive when a member joins its set. */
  String JOIN = "presence.join";
  /** The event a node's subscribers of a topic receive when a member leaves its set. */
  String LEAVE = "presence.leave";

  /**
   * @throws IllegalArgumentException when the options are inconsistent ({@link PresenceOptions#check()})
   */
  static Presence create(Vertx vertx, TopicBus bus, PresenceOptions options) {
    return new PresenceImpl(vertx, bus, options);
  }

  /**
   * @return the members of {@code topic} as this node knows them now: empty unless the topic is
   *     watched here (a tab of a page with a presence region on it, or {@link #watch})
   */
  PresenceSet current(Topic topic);

  /**
   * @return the members of {@code topic}: the current set when the topic is watched here; otherwise
   *     the set gathered after asking the other nodes, which answer within a broker round trip
   */
  Future<PresenceSet> members(Topic topic);

  /** Keeps this node's set of {@code topic} up to date until {@link Registration#stop()}. */
  Registration watch(Topic topic);

  /**
   * Counts {@code member} present on {@code topic} (as one tab) until {@link Registration#stop()},
   * after which it leaves once the grace period passed with no other registration of the member.
   */
  Registration join(Topic topic, PresenceMember member);

  /** Announces that this node's members left every topic, so other nodes do not wait for them to expire. */
  Future<Void> close();

  /** A watch or a join; {@link #stop()} ends it (once; again does nothing). */
  interface Registration {
    void stop();
  }
}
