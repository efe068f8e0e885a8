package dev.honostar.routing;

import dev.honostar.page.HaltException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A typed path parameter: a URL of the wrong type is a 404, a link of the wrong type a programming error. */
class PathParamTest {

  @Test
  void urlTextOfTheWrongTypeIsNotFound() {
    assertThat(PathParam.ofLong("id").parse("42")).isEqualTo(42L);
    assertThat(PathParam.ofInt("page").parse("-1")).isEqualTo(-1);
    UUID uuid = UUID.randomUUID();
    assertThat(PathParam.ofUuid("key").parse(uuid.toString())).isEqualTo(uuid);
    for (String bad : new String[] {"abc", "", "1.5", "99999999999999999999"}) {
      assertThatThrownBy(() -> PathParam.ofLong("id").parse(bad)).as(bad)
        .isInstanceOfSatisfying(HaltException.class, h -> assertThat(h.status()).isEqualTo(404));
    }
    assertThatThrownBy(() -> PathParam.ofInt("page").parse("3000000000")).isInstanceOf(HaltException.class);
    assertThatThrownBy(() -> PathParam.ofUuid("key").parse("1-1-1-1-1")).isInstanceOf(HaltException.class);
    assertThatThrownBy(() -> PathParam.ofString("name").parse(null)).isInstanceOf(HaltException.class);
  }

  @Test
  void valuesGivenByNameAreCoerced() {
    assertThat(PathParam.ofLong("id").coerce(7)).isEqualTo(7L);
    assertThat(PathParam.ofLong("id").coerce("7")).isEqualTo(7L);
    assertThat(PathParam.ofInt("n").coerce(7L)).isEqualTo(7);
    assertThat(PathParam.ofString("name").coerce(7)).isEqualTo("7");
    assertThatThrownBy(() -> PathParam.ofLong("id").coerce(7.5))
      .isInstanceOf(IllegalArgumentException.class).hasMessage("Path parameter 'id' must be a Long, not '7.5'");
    assertThatThrownBy(() -> PathParam.ofInt("n").coerce(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
  }
}
