package dev.honostar.page;

/** Turns region names into fat {@link Region}s. */
final class Regions {

  private Regions() {
  }

  static Region[] of(String... names) {
    Region[] out = new Region[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = Region.of(names[i]);
    }
    return out;
  }
}
