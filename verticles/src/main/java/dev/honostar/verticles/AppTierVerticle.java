package dev.honostar.verticles;

/**
 * {@link HonoStarVerticle} as the app tier: pages, commands and assets, publishing domain events
 * on the bus; the live stream path answers 404 (the ingress sends it to the live tier).
 *
 * <pre>
 * vertx run dev.honostar.verticles.AppTierVerticle -conf conf.json    # conf.json: {"app": "com.example.MyApp"}
 * </pre>
 */
public class AppTierVerticle extends HonoStarVerticle {

  @Override
  protected Role role() {
    return Role.APP;
  }
}
