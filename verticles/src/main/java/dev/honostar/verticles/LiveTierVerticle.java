package dev.honostar.verticles;

/**
 * {@link HonoStarVerticle} as the live tier: only the live stream path (and the ops
 * endpoints). It holds the streams, subscribes to their topics on the bus and renders; every
 * other path answers 404.
 *
 * <pre>
 * vertx run dev.honostar.verticles.LiveTierVerticle -conf conf.json    # conf.json: {"app": "com.example.MyApp"}
 * </pre>
 */
public class LiveTierVerticle extends HonoStarVerticle {

  @Override
  protected Role role() {
    return Role.LIVE;
  }
}
