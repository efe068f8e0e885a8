package dev.honostar.live.impl;

import dev.honostar.protocol.SseEvent;
import dev.honostar.security.TopicGrant;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.honostar.live.impl.ConnectionClockTest.on;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed list's change goes only to a tab that shows the render it was computed from; every
 * other tab (new, behind, or with patches waiting) gets the whole region, so none is left wrong.
 */
class KeyedDeliveryTest extends HubFixture {

  private static final SseEvent FULL_1 = SseEvent.comment("full 1");
  private static final SseEvent FULL_2 = SseEvent.comment("full 2");
  private static final SseEvent CHANGE_2 = SseEvent.comment("change 1->2");
  private static final SseEvent FULL_3 = SseEvent.comment("full 3");
  private static final SseEvent CHANGE_3 = SseEvent.comment("change 2->3");

  private static LiveConnection.Keyed render(SseEvent change, SseEvent full, long base, long version) {
    return new LiveConnection.Keyed("list", change, full, base, version, null);
  }

  @Test
  void aTabInStepGetsTheChangeAndANewTabGetsTheWholeRegion() throws Exception {
    Context loop = vertx.getOrCreateContext();
    FakeSse early = new FakeSse();
    FakeSse late = new FakeSse();
    on(loop, () -> {
      LiveConnection a = connection(loop, early);
      a.offer(LiveConnection.Patches.of(List.of(render(FULL_1, FULL_1, -1, 1).whole())));
      a.offer(LiveConnection.Patches.of(List.of(render(CHANGE_2, FULL_2, 1, 2))));
      // A tab that joined after render 1 never saw it: the change from 1 would be wrong there.
      LiveConnection b = connection(loop, late);
      b.offer(LiveConnection.Patches.of(List.of(render(CHANGE_2, FULL_2, 1, 2))));
      b.offer(LiveConnection.Patches.of(List.of(render(CHANGE_3, FULL_3, 2, 3))));
      return null;
    });
    assertThat(early.sent).containsExactly(FULL_1, CHANGE_2);
    assertThat(late.sent).containsExactly(FULL_2, CHANGE_3);
  }

  @Test
  void aTabThatFellBehindGetsTheWholeRegionThenChangesAgain() throws Exception {
    Context loop = vertx.getOrCreateContext();
    FakeSse slow = new FakeSse();
    LiveConnection conn = on(loop, () -> {
      LiveConnection c = connection(loop, slow);
      c.offer(LiveConnection.Patches.of(List.of(render(FULL_1, FULL_1, -1, 1).whole())));
      slow.full = true;
      // While the socket is full the change from 1 to 2 cannot be written: it waits as the whole region.
      c.offer(LiveConnection.Patches.of(List.of(render(CHANGE_2, FULL_2, 1, 2))));
      return c;
    });
    assertThat(conn.pendingCount()).isEqualTo(1);
    on(loop, () -> {
      slow.drain();
      conn.offer(LiveConnection.Patches.of(List.of(render(CHANGE_3, FULL_3, 2, 3))));
      return null;
    });
    assertThat(slow.sent).containsExactly(FULL_1, FULL_2, CHANGE_3);
  }

  @Test
  void aRenderWithNothingChangedWritesNothingToATabInStep() throws Exception {
    Context loop = vertx.getOrCreateContext();
    FakeSse sse = new FakeSse();
    on(loop, () -> {
      LiveConnection c = connection(loop, sse);
      c.offer(LiveConnection.Patches.of(List.of(render(FULL_1, FULL_1, -1, 1).whole())));
      c.offer(LiveConnection.Patches.of(List.of(render(null, FULL_2, 1, 2))));
      c.offer(LiveConnection.Patches.of(List.of(render(CHANGE_3, FULL_3, 2, 3))));
      return null;
    });
    assertThat(sse.sent).containsExactly(FULL_1, CHANGE_3);
  }

  @Test
  void aRenderOfSeveralRegionsIsOneWritePerTab() throws Exception {
    Context loop = vertx.getOrCreateContext();
    SseEvent counts1 = SseEvent.comment("counts 1");
    SseEvent counts2 = SseEvent.comment("counts 2");
    FakeSse inStep = new FakeSse();
    FakeSse joining = new FakeSse();
    on(loop, () -> {
      LiveConnection a = connection(loop, inStep);
      a.offer(LiveConnection.Patches.of(List.of(new LiveConnection.Keyed("counts", counts1, null), render(FULL_1, FULL_1, -1, 1))).forJoining());
      LiveConnection.Patches second = LiveConnection.Patches.of(List.of(new LiveConnection.Keyed("counts", counts2, null), render(CHANGE_2, FULL_2, 1, 2)));
      a.offer(second);
      connection(loop, joining).offer(second);
      return null;
    });
    // Each write is a flush, a system call: a fan-out to 10,000 tabs makes one per tab, not one per region.
    assertThat(inStep.sent).containsExactly(SseEvent.concat(List.of(counts1, FULL_1)), SseEvent.concat(List.of(counts2, CHANGE_2)));
    assertThat(joining.sent).containsExactly(SseEvent.concat(List.of(counts2, FULL_2)));
  }

  private LiveConnection connection(Context loop, FakeSse sse) {
    TopicGrant grant = new TopicGrant(List.of("t"), "/p", "subject", Instant.now().plusSeconds(60));
    return new LiveConnection(loop, sse, null, null, new LivePage("/p", Map.of()), grant, hub.metrics(), 60_000);
  }
}
