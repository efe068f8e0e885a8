package dev.honostar.codegen;

import javax.lang.model.SourceVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The naming rules of file-based routing: kebab-cased URL segments, camel-cased Java names. */
final class Naming {

  /** What a static path segment may contain (RFC 3986 unreserved characters). */
  static final Pattern STATIC_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
  /** What a path parameter or catch-all name may be: a Java identifier Vert.x accepts too. */
  static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Method names a generated path node cannot use as they are (they get a trailing {@code _}). */
  static final Set<String> NODE_RESERVED = Set.of(
      "href", "toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");
  /** Names of the static methods of {@code Routes} itself, reserved for the root's children. */
  static final Set<String> ROOT_RESERVED = Set.of("index", "named");

  private Naming() {
  }

  /** {@code NewIssue} → {@code new-issue}, {@code HTMLExport} → {@code html-export}, {@code Oauth2Callback} → {@code oauth2-callback}. */
  static String kebab(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '$') {
        out.append('-');
      } else if (Character.isUpperCase(c)) {
        boolean boundary = i > 0 && (isLowerOrDigit(name.charAt(i - 1))
            || (Character.isUpperCase(name.charAt(i - 1)) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
        if (boundary) {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
  }

  private static boolean isLowerOrDigit(char c) {
    return Character.isLowerCase(c) || Character.isDigit(c);
  }

  /** {@code new-issue} → {@code newIssue}, {@code issue_id} → {@code issueId}, {@code API} → {@code api}; empty when nothing is left. */
  static String camel(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (i == 0) {
        out.append(word.equals(word.toUpperCase(Locale.ROOT)) ? word.toLowerCase(Locale.ROOT)
            : Character.toLowerCase(word.charAt(0)) + word.substring(1));
      } else {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Makes a camel name usable as a Java method or parameter name: a keyword or reserved name gets a trailing {@code _}, a leading digit a leading {@code _}. */
  static String javaName(String camel, Set<String> reserved) {
    String name = camel;
    if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
      name = "_" + name;
    }
    if (SourceVersion.isKeyword(name) || name.equals("_") || reserved.contains(name)) {
      name = name + "_";
    }
    return name;
  }

  /** {@code issues.byId.comments} → {@code ISSUES_BY_ID_COMMENTS}. */
  static String constant(List<String> javaNames) {
    StringBuilder out = new StringBuilder();
    for (String part : javaNames) {
      String trimmed = part.replaceAll("_+$", "");
      if (out.length() > 0) {
        out.append('_');
      }
      out.append(trimmed.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** Escapes a string for a Java string literal. */
  static String literal(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Makes text safe inside a Javadoc {@code {@code ...}}. */
  static String doc(String s) {
    return s.replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;");
  }
}
