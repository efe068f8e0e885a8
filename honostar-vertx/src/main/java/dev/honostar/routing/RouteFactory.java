package dev.honostar.routing;

import dev.honostar.routing.impl.ConstructorInjection;

/**
 * Makes the instances of a {@link RouteTable}'s page, command and layout classes. File-based
 * routes name classes, not objects; this is how those objects get what they need (a store, a
 * clock, a password hasher) without global state.
 *
 * <pre>{@code
 * // IssuePage has a public constructor IssuePage(Store store)
 * HonoStar.create(vertx, options)
 *     .routes(RouteTable.discover(), RouteFactory.of(store, passwords));
 * }</pre>
 */
@FunctionalInterface
public interface RouteFactory {

  /**
   * @param type a route class of the table
   * @return a new instance of it
   * @throws Exception when it cannot be made; the app fails to start with the reason
   */
  Object create(Class<?> type) throws Exception;

  /** @return a factory that calls each class's public no-argument constructor */
  static RouteFactory noArgs() {
    return of();
  }

  /**
   * A factory that calls each class's public constructor with the given objects, chosen by
   * type: every constructor parameter takes the one dependency assignable to its type. Of the
   * constructors that can be called this way, the one with the most parameters is used; a
   * parameter that two dependencies fit is an error (pass a narrower type).
   *
   * @param dependencies the objects route classes may ask for
   * @return the factory
   */
  static RouteFactory of(Object... dependencies) {
    return new ConstructorInjection(dependencies);
  }
}
