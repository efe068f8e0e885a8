package dev.honostar.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks every {@code {{route "name" k=v}}} (and {@code (route "name" …)} subexpression) in
 * the app's templates against the generated route names, so a link to a renamed or removed
 * route, or one with the wrong parameters, fails the build instead of a render. A route name
 * that is not a string literal (a variable) cannot be checked and is left alone.
 */
final class TemplateLinks {

  /** One broken link: where, and why. */
  record Problem(String template, Path file, int line, String message) {
    @Override
    public String toString() {
      return "Template " + template + " (" + file + ":" + line + "): " + message;
    }
  }

  /** Handlebars comments, {@code {{!-- … --}}} and {@code {{! … }}}: links in them are not links. */
  private static final Pattern COMMENT = Pattern.compile("\\{\\{!--.*?--}}|\\{\\{![^}]*}}", Pattern.DOTALL);
  /** Where a {@code route} call starts: a mustache or a subexpression whose helper is {@code route}. */
  private static final Pattern CALL = Pattern.compile("(?:\\{\\{\\{?~?|\\()\\s*route\\s+");

  private final Map<String, List<Segment>> named;

  /** @param named route name → its parameter and catch-all segments, from every root of the compilation */
  TemplateLinks(Map<String, List<Segment>> named) {
    this.named = named;
  }

  /** @return the broken links of every {@code .hbs} file below {@code dir}, by file and line */
  List<Problem> check(Path dir) {
    List<Problem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return problems;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".hbs")).sorted().toList()) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        String name = rel.substring(0, rel.length() - ".hbs".length());
        problems.addAll(check(name, file, Files.readString(file, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the templates under " + dir, e);
    }
    return problems;
  }

  /** @return the broken links of one template's text */
  List<Problem> check(String template, Path file, String text) {
    // Blank comments out, keeping their line breaks so line numbers stay true.
    Matcher c = COMMENT.matcher(text);
    StringBuilder clean = new StringBuilder();
    while (c.find()) {
      c.appendReplacement(clean, Matcher.quoteReplacement(c.group().replaceAll("[^\n]", " ")));
    }
    c.appendTail(clean);
    String source = clean.toString();

    List<Problem> problems = new ArrayList<>();
    Matcher m = CALL.matcher(source);
    while (m.find()) {
      int line = 1 + (int) source.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
      List<String> tokens = tokens(source, m.end());
      if (tokens.isEmpty() || !isQuoted(tokens.get(0))) {
        continue; // a name from a variable: known only when rendering
      }
      String route = tokens.get(0).substring(1, tokens.get(0).length() - 1);
      Set<String> given = new LinkedHashSet<>();
      for (String t : tokens.subList(1, tokens.size())) {
        int eq = t.indexOf('=');
        if (eq > 0 && !isQuoted(t) && !t.startsWith("(")) {
          given.add(t.substring(0, eq));
        }
      }
      String call = "{{route \"" + route + "\"" + (given.isEmpty() ? "" : " " + String.join("=… ", given) + "=…") + "}}";
      List<Segment> params = named.get(route);
      if (params == null) {
        problems.add(new Problem(template, file, line, call + " names no route; the routes are " + named.keySet()));
        continue;
      }
      Set<String> expected = new LinkedHashSet<>();
      for (Segment p : params) {
        expected.add(p.name());
        if (p.kind() == Segment.Kind.PARAM && !given.contains(p.name())) {
          problems.add(new Problem(template, file, line, call + " lacks the parameter '" + p.name() + "' of route " + route));
        }
      }
      for (String g : given) {
        if (!expected.contains(g)) {
          problems.add(new Problem(template, file, line, call + ": route " + route + " has no parameter '" + g + "'"
              + (expected.isEmpty() ? " (it takes none)" : " (it takes " + expected + ")")));
        }
      }
    }
    return problems;
  }

  private static boolean isQuoted(String token) {
    return token.length() >= 2 && (token.charAt(0) == '"' || token.charAt(0) == '\'');
  }

  /**
   * The arguments of a helper call starting at {@code from}, up to its closing {@code }}} or
   * {@code )}: quoted strings and subexpressions stay whole, {@code k=v} stays one token.
   */
  static List<String> tokens(String s, int from) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    int i = from;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\'') {
        int end = s.indexOf(ch, i + 1);
        end = end < 0 ? s.length() - 1 : end;
        token.append(s, i, end + 1);
        i = end + 1;
      } else if (ch == '(') {
        int depth = 0;
        int j = i;
        for (; j < s.length(); j++) {
          char cj = s.charAt(j);
          if (cj == '(') {
            depth++;
          } else if (cj == ')' && --depth == 0) {
            break;
          }
        }
        token.append(s, i, Math.min(j + 1, s.length()));
        i = j + 1;
      } else if (Character.isWhitespace(ch) || ch == ')' || ch == '}' || ch == '~') {
        if (token.length() > 0) {
          tokens.add(token.toString());
          token.setLength(0);
        }
        if (ch != ')' && ch != '}' && ch != '~') {
          i++;
          continue;
        }
        break;
      } else {
        token.append(ch);
        i++;
      }
    }
    if (token.length() > 0) {
      tokens.add(token.toString());
    }
    return tokens;
  }
}
