package dev.honostar.presence;

import static dev.honostar.bus.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.honostar.HonoStarOptions;
import dev.honostar.bus.BusOptions;
import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.TestSupport;
import dev.honostar.bus.Topic;
import dev.honostar.bus.TopicBus;
import dev.honostar.page.ViewKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence on one node: options, members, the set's order, the reserved token prefix, joins, leaves and their grace. */
class PresenceTest {

  private Vertx vertx;
  private TopicBus bus;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    bus = await(TopicBus.create(vertx, new BusOptions().setPrefix(TestSupport.uniquePrefix())), 10_000);
  }

  @AfterEach
  void tearDown() {
    await(vertx.close(), 10_000);
  }

  @Test
  void optionsHaveDefaultsEnvironmentVariablesAndAConsistencyCheck() {
    PresenceOptions defaults = new HonoStarOptions().getPresence();
    assertThat(defaults.getHeartbeatMillis()).isEqualTo(PresenceOptions.DEFAULT_HEARTBEAT_MILLIS).isEqualTo(5_000);
    assertThat(defaults.getTtlMillis()).isEqualTo(15_000);
    assertThat(defaults.getLeaveGraceMillis()).isEqualTo(2_000);
    assertThat(defaults.crashBoundMillis()).isEqualTo(17_500);

    HonoStarOptions fromEnv = HonoStarOptions.load(null, Map.of("HONOSTAR_PRESENCE_HEARTBEAT_MS", "500",
      "HONOSTAR_PRESENCE_TTL_MS", "1500", "HONOSTAR_PRESENCE_LEAVE_GRACE_MS", "0"));
    assertThat(fromEnv.getPresence().toJson()).isEqualTo(new JsonObject().put("heartbeatMillis", 500L).put("ttlMillis", 1500L)
      .put("leaveGraceMillis", 0L));
    assertThat(new HonoStarOptions(new JsonObject().put("presence", new JsonObject().put("ttlMillis", 9_000))).getPresence().getTtlMillis())
      .isEqualTo(9_000);

    assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of("HONOSTAR_PRESENCE_TTL_MS", "soon")))
      .hasMessageContaining("HONOSTAR_PRESENCE_TTL_MS");
    assertThatThrownBy(() -> HonoStarOptions.load(null, Map.of("HONOSTAR_PRESENCE_HEARTBEAT", "1")))
      .hasMessageContaining("HONOSTAR_PRESENCE_HEARTBEAT");
    PresenceOptions inconsistent = new PresenceOptions().setHeartbeatMillis(2_000).setTtlMillis(2_000);
    assertThatThrownBy(() -> Presence.create(vertx, bus, inconsistent))
      .hasMessageContaining("HONOSTAR_PRESENCE_TTL_MS").hasMessageContaining("HONOSTAR_PRESENCE_HEARTBEAT_MS");
  }

  @Test
  void membersAreBoundedAndSetsSortByName() {
    assertThatThrownBy(() -> PresenceMember.of("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PresenceMember.of("x".repeat(101), "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PresenceMember.of("u1", null).name()).isEqualTo("u1");
    assertThat(PresenceMember.of("u1", "n".repeat(300)).name()).hasSize(PresenceMember.MAX_LENGTH);
    assertThat(PresenceMember.fromJson(new JsonObject().put("id", 3))).as("malformed on the wire").isNull();

    Topic t = Topic.of("issue:1");
    PresenceSet set = PresenceSet.of(t, List.of(PresenceMember.of("3", "carol"), PresenceMember.of("1", "Bob"), PresenceMember.of("2", "alice")));
    assertThat(set.names()).containsExactly("alice", "Bob", "carol");
    assertThat(set.count()).isEqualTo(3);
    assertThat(set.contains("1")).isTrue();
    assertThat(PresenceSet.empty(t).isEmpty()).isTrue();
  }

  @Test
  void theTokensPresencePrefixIsReservedInViewKeys() {
    assertThatThrownBy(() -> ViewKey.params("q", "_hs.presence.id"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("_hs.");
    assertThat(ViewKey.params("_hsq").params()).containsExactly("_hsq");
  }

  @Test
  void tabsOfOneMemberCountOnceAndTheLastLeavesAfterTheGrace() {
    PresenceOptions options = new PresenceOptions().setHeartbeatMillis(200).setTtlMillis(600).setLeaveGraceMillis(300);
    Presence presence = Presence.create(vertx, bus, options);
    Topic topic = Topic.of("issue:7");
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    await(bus.subscribe(topic, (DomainEvent e) -> events.add(e.name() + " " + e.payload().getString("id"))), 5_000);

    Presence.Registration tab1 = presence.join(topic, PresenceMember.of("u1", "Alice"));
    Presence.Registration tab2 = presence.join(topic, PresenceMember.of("u1", "Alice"));
    await(TestSupport.eventually(vertx, 5_000, "Alice present", () -> presence.current(topic).contains("u1")), 6_000);
    assertThat(presence.current(topic).count()).isEqualTo(1);

    tab1.stop();
    tab1.stop(); // twice: no effect
    tab2.stop();
    // A reload: a new tab within the grace period, so she never left.
    Presence.Registration tab3 = presence.join(topic, PresenceMember.of("u1", "Alice"));
    await(vertx.timer(options.getLeaveGraceMillis() * 2), 5_000);
    assertThat(presence.current(topic).names()).containsExactly("Alice");

    long left = System.nanoTime();
    tab3.stop();
    await(TestSupport.eventually(vertx, 5_000, "Alice gone", () -> presence.current(topic).isEmpty()), 6_000);
    assertThat((System.nanoTime() - left) / 1_000_000).as("after the grace").isGreaterThanOrEqualTo(options.getLeaveGraceMillis());
    await(TestSupport.eventually(vertx, 5_000, "the leave event", () -> events.size() == 2), 6_000);
    assertThat(events).containsExactly("presence.join u1", "presence.leave u1");
    await(presence.close(), 5_000);
  }
}
