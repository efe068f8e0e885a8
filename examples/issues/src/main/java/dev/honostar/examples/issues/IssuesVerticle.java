package dev.honostar.examples.issues;

import dev.honostar.verticles.HonoStarApp;
import dev.honostar.verticles.HonoStarVerticle;

/** The issue tracker's verticle: the Main-Verticle of {@code issues-demo.jar}. */
public final class IssuesVerticle extends HonoStarVerticle {

  @Override
  protected HonoStarApp app() {
    return new IssuesHonoStarApp();
  }
}
