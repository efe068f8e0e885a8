package dev.honostar.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** LOCAL: two buses on one Vert.x instance behave as two nodes. */
class LocalBusTest extends TopicBusContract {

  @Override
  protected Future<TopicBus> createNodeA(Vertx vertx) {
    return TopicBus.create(vertx, new BusOptions().setPrefix(prefix));
  }

  @Override
  protected Future<TopicBus> createNodeB(Vertx vertx) {
    return TopicBus.create(vertx, new BusOptions().setPrefix(prefix).setKind(BusKind.LOCAL));
  }

  @Override
  protected BusKind expectedKind() {
    return BusKind.LOCAL;
  }
}
