package dev.honostar.verticles.impl;

import dev.honostar.verticles.NodeShared;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/** A share of a {@link Holder} kept in the Vert.x instance's local map. */
public final class NodeSharedImpl<T> implements NodeShared<T> {

  /** The shared value and how many shares hold it; changed only inside the map's atomic compute. */
  private static final class Holder<T> implements Shareable {
    final Promise<T> value = Promise.promise();
    final Function<T, Future<Void>> close;
    int shares;

    Holder(Function<T, Future<Void>> close) {
      this.close = close;
    }
  }

  private final LocalMap<String, Holder<T>> map;
  private final String key;
  private final Holder<T> holder;
  private final boolean created;
  private final AtomicBoolean released = new AtomicBoolean();
  /** The value as seen from the acquiring context: servers created in its callbacks bind to that context's loop. */
  private final Future<T> value;

  private NodeSharedImpl(LocalMap<String, Holder<T>> map, String key, Holder<T> holder, boolean created, ContextInternal context) {
    this.map = map;
    this.key = key;
    this.holder = holder;
    this.created = created;
    Promise<T> mine = context.promise();
    holder.value.future().onComplete(mine);
    this.value = mine.future();
  }

  public static <T> NodeShared<T> acquire(Vertx vertx, String key, Supplier<Future<T>> create, Function<T, Future<Void>> close) {
    LocalMap<String, Holder<T>> map = vertx.sharedData().getLocalMap(NodeShared.LOCAL_MAP);
    boolean[] mine = new boolean[1];
    Holder<T> holder = map.compute(key, (k, h) -> {
      if (h == null) {
        h = new Holder<>(close);
        mine[0] = true;
      }
      h.shares++;
      return h;
    });
    if (mine[0]) {
      // Outside compute: creating may take a while and must not hold the map's lock.
      Future<T> made;
      try {
        made = create.get();
      } catch (RuntimeException e) {
        made = Future.failedFuture(e);
      }
      made.onComplete(holder.value);
    }
    return new NodeSharedImpl<>(map, key, holder, mine[0], ((VertxInternal) vertx).getOrCreateContext());
  }

  @Override
  public Future<T> value() {
    return value;
  }

  @Override
  public boolean created() {
    return created;
  }

  @Override
  public Future<Void> release() {
    if (!released.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    boolean[] last = new boolean[1];
    map.computeIfPresent(key, (k, h) -> {
      if (h != holder) {
        return h;
      }
      last[0] = --h.shares == 0;
      return last[0] ? null : h;
    });
    if (!last[0]) {
      return Future.succeededFuture();
    }
    // The last share: close what was made, once it is made (a failed creation has nothing to close).
    return holder.value.future().transform(ar -> ar.succeeded() ? holder.close.apply(ar.result()) : Future.succeededFuture());
  }
}
