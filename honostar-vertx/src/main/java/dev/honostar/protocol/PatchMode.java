package dev.honostar.protocol;

import java.util.Locale;

/**
 * How Datastar applies a patch of elements to the DOM.
 *
 * <p>{@link #OUTER} and {@link #INNER} morph (keeping focus, input state and
 * listeners); the others replace, insert or remove. Every mode except
 * {@link #OUTER} and {@link #REPLACE} needs a selector: the v1.0.2 runtime
 * rejects them otherwise, so {@link PatchElements} refuses to build them.
 */
public enum PatchMode {
  OUTER, INNER, REPLACE, PREPEND, APPEND, BEFORE, AFTER, REMOVE;

  /** The default mode; never written on the wire. */
  public static final PatchMode DEFAULT = OUTER;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** @return the name Datastar uses, e.g. {@code "inner"} */
  public String wireName() {
    return wireName;
  }

  /** @return whether the runtime can apply this mode without a selector (matching by element id) */
  public boolean worksWithoutSelector() {
    return this == OUTER || this == REPLACE;
  }

  /**
   * Parses a wire name such as {@code "append"}.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is unknown
   */
  public static PatchMode fromWireName(String name) {
    for (PatchMode mode : values()) {
      if (mode.wireName.equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("Unknown patch mode '" + Wire.printable(name)
      + "'; expected one of outer, inner, replace, prepend, append, before, after, remove");
  }
}
