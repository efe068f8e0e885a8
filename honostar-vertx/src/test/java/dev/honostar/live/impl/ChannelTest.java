package dev.honostar.live.impl;

import dev.honostar.bus.Topic;
import dev.honostar.security.TopicGrant;
import dev.honostar.page.ViewKey;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.honostar.live.impl.ConnectionClockTest.on;
import static dev.honostar.live.impl.ConnectionClockTest.twoEventLoops;
import static org.assertj.core.api.Assertions.assertThat;

/** A channel groups its subscribers by event loop, so a fan-out is one task per loop. */
class ChannelTest extends HubFixture {

  @Test
  void streamsOfOneEventLoopFormOneGroupWhateverTheirRequestContexts() throws Exception {
    List<Context> loops = twoEventLoops(vertx);
    LivePage page = new LivePage("/p", Map.of());
    // A query that never completes: this test is about grouping, not rendering.
    QueryDef query = new QueryDef("t", ViewKey.none(), qc -> Promise.promise().future(), List.of(dev.honostar.page.Region.of("r")), false);
    Channel channel = new Channel(hub.renderer(page, Topic.of("t"), query, new View(ViewKey.none(), Map.of(), ""), null), null, hub);
    List<LiveConnection> onA = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Each request runs on a context of its own (a duplicate of the loop's), as in the server.
      Context request = on(loops.get(0), () -> ((io.vertx.core.internal.ContextInternal) Vertx.currentContext()).duplicate());
      onA.add(on(request, () -> connection(request, page)));
    }
    List<LiveConnection> onB = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Context request = on(loops.get(1), () -> ((io.vertx.core.internal.ContextInternal) Vertx.currentContext()).duplicate());
      onB.add(on(request, () -> connection(request, page)));
    }
    onA.forEach(channel::add);
    onB.forEach(channel::add);
    assertThat(channel.size()).isEqualTo(8);
    assertThat(channel.loopCount()).isEqualTo(2);
    onA.forEach(channel::remove);
    assertThat(channel.size()).isEqualTo(3);
    assertThat(channel.loopCount()).isEqualTo(1);
  }

  private LiveConnection connection(Context context, LivePage page) {
    TopicGrant grant = new TopicGrant(List.of("t"), page.id(), "subject", Instant.now().plusSeconds(60));
    return new LiveConnection(context, new FakeSse(), null, null, page, grant, hub.metrics(), 1000);
  }
}
