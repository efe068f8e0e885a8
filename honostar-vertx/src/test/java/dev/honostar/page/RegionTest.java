package dev.honostar.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A region's bound and overflow container are a keyed list's, and bad values say what is wrong. */
class RegionTest {

  @Test
  void aKeyedListCarriesItsLimitAndOverflow() {
    Region feed = Region.keyedList("activity/feed").limit(20).overflow("activity-older");
    assertThat(feed.limit()).isEqualTo(20);
    assertThat(feed.overflow()).isEqualTo("activity-older");
    assertThat(feed).isEqualTo(Region.keyedList("activity/feed").overflow("activity-older").limit(20))
      .isNotEqualTo(Region.keyedList("activity/feed").limit(20));
    assertThat(feed).hasToString("keyedList(activity/feed).limit(20).overflow(activity-older)");
    assertThat(Region.keyedList("x").limit()).isZero();
    assertThat(Region.keyedList("x").overflow()).isNull();
  }

  @Test
  void badLimitsAndContainersAreRefusedWithWhatToDo() {
    assertThatThrownBy(() -> Region.of("issues/tabs").limit(5)).isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("Region.keyedList(\"issues/tabs\").limit(5)");
    assertThatThrownBy(() -> Region.of("issues/tabs").overflow("older")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Region.keyedList("x").limit(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Region.keyedList("x").overflow("#older")).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'#older'");
    assertThatThrownBy(() -> Region.keyedList("x").overflow(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
