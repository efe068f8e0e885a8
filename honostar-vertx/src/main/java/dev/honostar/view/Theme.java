package dev.honostar.view;

import java.util.Locale;

/**
 * The colour theme a visitor chose, stored in the {@value #COOKIE_NAME} cookie by the browser
 * runtime and read server-side so the first paint is already right.
 *
 * <pre>{@code
 * Theme theme = Theme.fromCookie(ctx.request().getCookie(Theme.COOKIE_NAME) == null
 *     ? null : ctx.request().getCookie(Theme.COOKIE_NAME).getValue());
 * data.put("theme", theme);
 * }</pre>
 */
public enum Theme {
  LIGHT,
  DARK,
  /** Follow the operating system's {@code prefers-color-scheme}; decided in the browser. */
  SYSTEM;

  /** Name of the cookie the runtime script writes. */
  public static final String COOKIE_NAME = "ds_theme";

  /**
   * @param value the cookie value, may be {@code null} or garbage
   * @return the theme; anything unknown is {@link #SYSTEM}
   */
  public static Theme fromCookie(String value) {
    if (value == null) {
      return SYSTEM;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "light":
        return LIGHT;
      case "dark":
        return DARK;
      default:
        return SYSTEM;
    }
  }

  /** @return the cookie value and CSS class name: {@code light}, {@code dark} or {@code system} */
  public String cookieValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Same as {@link #cookieValue()}, so templates can compare {@code (eq @theme "dark")}. */
  @Override
  public String toString() {
    return cookieValue();
  }
}
