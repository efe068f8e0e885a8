package dev.honostar.impl;

import dev.honostar.bus.DomainEvent;
import dev.honostar.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says out loud when topics and queries do not meet, which otherwise only shows as a list that
 * never updates: at startup, what the declared families and the pages' queries tell; at run
 * time, once per family, a page subscribing to a family it has no query for, and (with
 * {@code live.warnUnqueriedTopics}, on outside production) an event published on a family no page has a query for or that reached no query.
 */
final class TopicChecks {

  private static final Logger log = LoggerFactory.getLogger(TopicChecks.class);

  private final Map<String, Set<String>> queriesByPage;
  private final Set<String> queried = new TreeSet<>();
  private final Set<String> declared;
  private final boolean warnUnqueried;
  private final Set<String> said = ConcurrentHashMap.newKeySet();

  /**
   * @param queriesByPage each page's path and the families of its queries
   * @param declared the app's declared families ({@code HonoStar.topics}); empty when it declares none
   * @param warnUnqueried whether an event published on a family no page has a query for is reported
   */
  TopicChecks(Map<String, Set<String>> queriesByPage, Set<String> declared, boolean warnUnqueried) {
    this.queriesByPage = new LinkedHashMap<>(queriesByPage);
    queriesByPage.values().forEach(queried::addAll);
    this.declared = Set.copyOf(declared);
    this.warnUnqueried = warnUnqueried;
  }

  /** @return (and logs) what can be known before any request: queries and declared families that do not meet */
  List<String> atStartup() {
    List<String> warnings = new ArrayList<>();
    if (declared.isEmpty()) {
      return warnings;
    }
    queriesByPage.forEach((page, families) -> families.stream().filter(f -> !declared.contains(f)).forEach(f -> warnings.add(
      "Page " + page + " has a query for topic family '" + f + "', which is not declared (declared: " + new TreeSet<>(declared)
        + "): a typo, or add it to HonoStar.topics(...)")));
    declared.stream().filter(f -> !queried.contains(f)).sorted().forEach(f -> warnings.add(
      "Topic family '" + f + "' is declared but no page has a query for it: its events re-render nothing"));
    warnings.forEach(log::warn);
    return warnings;
  }

  /** A page rendered for a tab subscribing to {@code topics}. */
  void subscribed(String page, Collection<Topic> topics) {
    Set<String> families = queriesByPage.getOrDefault(page, Set.of());
    for (Topic t : topics) {
      String f = t.family();
      if (!families.contains(f)) {
        once("subscribed:" + page + ":" + f, "Page " + page + " subscribes to topic family '" + f + "' but has no query for it: add q.on(\"" + f
          + "\", ...) to its queries(...), or its regions never update" + (queried.isEmpty() ? "" : " (families with queries: " + queried + ")"));
      } else if (!declared.isEmpty() && !declared.contains(f)) {
        once("undeclared:" + f, "Page " + page + " subscribes to topic family '" + f + "', which is not declared (declared: " + new TreeSet<>(declared) + ")");
      }
    }
  }

  /** A command (or the app) published {@code event} on {@code topic}. */
  void published(Topic topic, String event, String source) {
    String f = topic.family();
    if (!declared.isEmpty() && !declared.contains(f)) {
      once("undeclared:" + f, source + " published '" + event + "' on topic family '" + f + "', which is not declared (declared: " + new TreeSet<>(declared) + ")");
    } else if (warnUnqueried && !queried.contains(f)) {
      once("unqueried:" + f, source + " published '" + event + "' on topic family '" + f + "', which no page has a query for: nothing re-renders"
        + (queried.isEmpty() ? "" : " (families with queries: " + queried + ")"));
    }
  }

  /** With {@code live.warnUnqueriedTopics}: an event reached this node's hub while tabs subscribed to its topic, but no query of theirs took it. */
  void unheard(DomainEvent event) {
    String f = event.topic().family();
    once("unheard:" + f, "Event '" + event.name() + "' on topic " + event.topic() + " reached no query: the pages subscribed to it have no q.on(\"" + f + "\", ...)");
  }

  /** Logs {@code message} the first time {@code key} (a kind of mismatch and its family) comes up. */
  private void once(String key, String message) {
    if (said.add(key)) {
      log.warn(message);
    }
  }
}
