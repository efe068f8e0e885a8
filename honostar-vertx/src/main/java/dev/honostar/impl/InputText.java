package dev.honostar.impl;

/**
 * What counts as text at the input boundary. Control characters (NUL, ESC, C1 codes; tab, line
 * feed and carriage return are text) are refused: PostgreSQL rejects NUL in text with an error,
 * and none of them is anything a person types. Text made only of whitespace, format characters
 * (U+200B zero width space, U+FEFF, U+2060) and blank fillers (U+3164, U+2800) is blank.
 */
final class InputText {

  /** The field error for a value with control characters. */
  static final String CONTROL_MESSAGE = "must not contain control characters";

  private InputText() {
  }

  /** @return whether {@code s} holds a control character other than tab, line feed and carriage return */
  static boolean hasControl(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
        return true;
      }
    }
    return false;
  }

  /** @return {@code s} without its control characters (for re-filling a form), or {@code s} itself */
  static String withoutControl(String s) {
    if (s == null || !hasControl(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) != Character.CONTROL || c == '\t' || c == '\n' || c == '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** @return whether {@code s} is {@code null} or shows nothing */
  static boolean isBlank(CharSequence s) {
    if (s == null) {
      return true;
    }
    return s.codePoints().allMatch(InputText::invisible);
  }

  private static boolean invisible(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return true; // includes U+00A0 and U+3000, which isWhitespace alone leaves out
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT || type == Character.CONTROL) {
      return true;
    }
    // Letters by category that render as nothing: Hangul fillers, the blank braille pattern.
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
  }
}
