package dev.honostar.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route classes get their dependencies by constructor type. */
class RouteFactoryTest {

  public interface Store {
  }

  public static final class MemoryStore implements Store {
  }

  public static final class Clock {
  }

  public static final class NoArgs {
  }

  public static final class Needs {
    final Store store;
    final Clock clock;

    public Needs(Store store) {
      this(store, null);
    }

    public Needs(Store store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }
  }

  public static final class Hidden {
    Hidden() {
    }
  }

  @Test
  void noArgsCallsTheNoArgumentConstructor() throws Exception {
    assertThat(RouteFactory.noArgs().create(NoArgs.class)).isInstanceOf(NoArgs.class);
  }

  @Test
  void theLargestConstructorTheDependenciesFillIsUsed() throws Exception {
    MemoryStore store = new MemoryStore();
    Clock clock = new Clock();
    Needs both = (Needs) RouteFactory.of(clock, store).create(Needs.class);
    assertThat(both.store).isSameAs(store);
    assertThat(both.clock).isSameAs(clock);

    Needs storeOnly = (Needs) RouteFactory.of(store).create(Needs.class);
    assertThat(storeOnly.store).isSameAs(store);
    assertThat(storeOnly.clock).isNull();
  }

  @Test
  void aMissingOrAmbiguousDependencyIsExplained() {
    assertThatThrownBy(() -> RouteFactory.noArgs().create(Needs.class))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("Cannot create route class " + Needs.class.getName() + " from no dependencies")
      .hasMessageContaining("nothing given fits parameter 1 (" + Store.class.getName() + ")");
    assertThatThrownBy(() -> RouteFactory.of(new MemoryStore(), new MemoryStore()).create(Needs.class))
      .hasMessageContaining("more than one dependency fits parameter 1");
    assertThatThrownBy(() -> RouteFactory.noArgs().create(Hidden.class))
      .hasMessageContaining("it has no public constructor");
  }
}
