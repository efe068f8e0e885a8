package dev.honostar.protocol;

import java.util.Locale;

/** The namespace patched elements are parsed in; {@link #HTML} is the default and never written. */
public enum ElementNamespace {
  HTML, SVG, MATHML;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** @return the name Datastar uses, e.g. {@code "svg"} */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name such as {@code "svg"}.
   *
   * @throws IllegalArgumentException when {@code name} is unknown
   */
  public static ElementNamespace fromWireName(String name) {
    for (ElementNamespace ns : values()) {
      if (ns.wireName.equals(name)) {
        return ns;
      }
    }
    throw new IllegalArgumentException("Unknown namespace '" + Wire.printable(name) + "'; expected html, svg or mathml");
  }
}
