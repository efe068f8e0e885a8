package dev.honostar.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one description of an options class: its section, its fields and how each is read from
 * JSON and from the environment. Options classes declare it once as a static {@code SCHEMA} and
 * route {@code fromJson}, {@code toJson} and {@code applyEnvironment} through it, so the JSON
 * keys, the variables, their parsing and docs/configuration.md cannot drift apart.
 *
 * <p>The rules, the same for every section:
 * <ul>
 *   <li>a field's variable is {@code HONOSTAR_<SECTION>_<KEY>}: the JSON key in upper snake case,
 *       a unit word ({@code Millis}, {@code Seconds}, {@code Bytes}) replaced by the suffix
 *       {@code _MS}, {@code _SECONDS} or {@code _BYTES};</li>
 *   <li>booleans are {@code true} or {@code false}, numbers and durations whole numbers in the
 *       unit of the suffix; anything else fails start with the variable's name;</li>
 *   <li>a variable that starts with a section's prefix but names no field fails start too (a
 *       typo must not pass for a default);</li>
 *   <li>a blank variable counts as unset;</li>
 *   <li>an old name still works, with a warning naming the new one; so does an old JSON key of a
 *       field that moved into a nested section ({@link Builder#movedKey}).</li>
 * </ul>
 *
 * <pre>{@code
 * public static final OptionsSchema<OutboxOptions> SCHEMA = OptionsSchema.builder("outbox", OutboxOptions::new)
 *     .string("table", OutboxOptions::getTable, OutboxOptions::setTable, "Table of pending events.")
 *     .duration("pollMillis", OutboxOptions::getPollMillis, OutboxOptions::setPollMillis, "How often to poll.")
 *     .build();
 * }</pre>
 *
 * @param <T> the options class
 */
public final class OptionsSchema<T> {

  private static final Logger log = LoggerFactory.getLogger(OptionsSchema.class);
  /** Old names already warned about, so a name used by several schema applications warns once. */
  private static final Set<String> WARNED = Collections.synchronizedSet(new java.util.HashSet<>());

  /** The unit of a numeric field, which decides its variable's suffix. */
  public enum Unit {
    NONE("", ""), MILLISECONDS("_MS", "Millis"), SECONDS("_SECONDS", "Seconds"), BYTES("_BYTES", "Bytes");

    final String suffix;
    final String word;

    Unit(String suffix, String word) {
      this.suffix = suffix;
      this.word = word;
    }
  }

  private final String section;
  private final String envPrefix;
  private final boolean strictPrefix;
  private final Supplier<T> defaults;
  private final List<Field<T>> fields;
  private final List<Child<T, ?>> children;
  /** Old JSON key of this section to the path ({@code section.key}) it moved to. */
  private final Map<String, String> movedKeys;

  private OptionsSchema(Builder<T> b) {
    this.section = b.section;
    this.envPrefix = b.envPrefix;
    this.strictPrefix = b.strictPrefix;
    this.defaults = b.defaults;
    this.fields = List.copyOf(b.fields);
    this.children = List.copyOf(b.children);
    this.movedKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.movedKeys));
  }

  /**
   * A schema for the section {@code section} (camel case, e.g. {@code sessionStore}); its
   * variables start with {@code HONOSTAR_<SECTION>_} (e.g. {@code HONOSTAR_SESSION_STORE_}).
   *
   * @param defaults makes an instance with default values (for docs and {@link #defaults()})
   */
  public static <T> Builder<T> builder(String section, Supplier<T> defaults) {
    return new Builder<>(section, "HONOSTAR_" + snake(section) + "_", true, defaults);
  }

  /** The section name, e.g. {@code live}. */
  public String section() {
    return section;
  }

  /** The prefix of this section's variables, e.g. {@code HONOSTAR_LIVE_}; {@code null} when it has none. */
  public String envPrefix() {
    return envPrefix;
  }

  /** A fresh instance with the defaults. */
  public T defaults() {
    return defaults.get();
  }

  /** The fields of this section, nested sections excluded, in declaration order. */
  public List<Field<T>> fields() {
    return fields;
  }

  /**
   * Sets on {@code target} every field {@code json} has; missing keys keep their values. An old key of a
   * field that moved into a nested section is read there, unless the new key is set too.
   */
  public T fromJson(T target, JsonObject json) {
    if (json == null) {
      return target;
    }
    json = withMovedKeys(json);
    for (Field<T> f : fields) {
      if (json.containsKey(f.name) && json.getValue(f.name) != null) {
        Object value;
        try {
          value = f.type.fromJson.apply(json.getValue(f.name));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(path(f) + " has an invalid value '" + json.getValue(f.name) + "' (expected "
            + f.type.label + ")", e);
        }
        f.setter.accept(target, value);
      }
    }
    for (Child<T, ?> c : children) {
      c.fromJson(target, json.getJsonObject(c.name));
    }
    return target;
  }

  private JsonObject withMovedKeys(JsonObject json) {
    JsonObject copy = null;
    for (Map.Entry<String, String> moved : movedKeys.entrySet()) {
      if (!json.containsKey(moved.getKey())) {
        continue;
      }
      if (copy == null) {
        copy = json.copy();
      }
      int dot = moved.getValue().lastIndexOf('.');
      JsonObject section = copy.getJsonObject(moved.getValue().substring(0, dot));
      if (section == null) {
        section = new JsonObject();
        copy.put(moved.getValue().substring(0, dot), section);
      }
      Object value = copy.remove(moved.getKey());
      if (!section.containsKey(moved.getValue().substring(dot + 1))) {
        section.put(moved.getValue().substring(dot + 1), value);
      }
    }
    return copy == null ? json : copy;
  }

  /** The JSON of {@code target}: every field, {@code null} ones left out. */
  public JsonObject toJson(T target) {
    JsonObject json = new JsonObject();
    for (Field<T> f : fields) {
      Object value = f.getter.apply(target);
      if (value != null) {
        json.put(f.name, f.type.toJson.apply(value));
      }
    }
    for (Child<T, ?> c : children) {
      json.put(c.name, c.toJson(target));
    }
    return json;
  }

  /**
   * Sets on {@code target} the fields whose variable (or an old name of it) is set in {@code env}.
   *
   * @throws IllegalArgumentException naming the variable, when a value is malformed or rejected, or when
   *     a variable with this section's prefix names no field
   */
  public T applyEnvironment(T target, Map<String, String> env) {
    return applyEnvironment(target, env, envPrefix);
  }

  /**
   * As {@link #applyEnvironment(Object, Map)}, with the variables under another prefix (for options an app
   * uses several times, such as one feed per source): {@code ORDERS_FEED_} reads {@code ORDERS_FEED_MAX_IN_FLIGHT}.
   */
  public T applyEnvironment(T target, Map<String, String> env, String prefix) {
    Objects.requireNonNull(env, "env");
    checkUnknown(env, prefix);
    apply(target, env, prefix);
    return target;
  }

  private void apply(T target, Map<String, String> env, String prefix) {
    for (Field<T> f : fields) {
      if (!f.env) {
        continue;
      }
      String name = f.variable(prefix);
      String raw = env.get(name);
      String used = name;
      if (blank(raw)) {
        for (String old : f.oldNames(prefix)) {
          if (!blank(env.get(old))) {
            raw = env.get(old);
            used = old;
            if (WARNED.add(old)) {
              log.warn("{} is deprecated, set {} instead", old, name);
            }
            break;
          }
        }
      }
      if (blank(raw)) {
        for (String other : f.fallbacks) {
          if (!blank(env.get(other))) {
            raw = env.get(other);
            used = other;
            break;
          }
        }
      }
      if (blank(raw)) {
        continue;
      }
      String value = raw.trim();
      Object parsed;
      try {
        parsed = f.type.fromEnv.apply(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(used + " has an invalid value '" + value + "' (expected " + f.type.label
          + f.unitLabel() + ")", e);
      }
      try {
        f.setter.accept(target, parsed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(used + "=" + value + " is rejected: " + e.getMessage(), e);
      }
    }
    for (Child<T, ?> c : children) {
      c.apply(target, env, prefix);
    }
  }

  private void checkUnknown(Map<String, String> env, String prefix) {
    Set<String> prefixes = new LinkedHashSet<>();
    Set<String> known = new TreeSet<>();
    collect(prefix, prefixes, known);
    for (String name : env.keySet()) {
      if (known.contains(name)) {
        continue;
      }
      for (String p : prefixes) {
        if (name.startsWith(p)) {
          List<String> same = new ArrayList<>();
          for (String k : known) {
            if (k.startsWith(p)) {
              same.add(k);
            }
          }
          throw new IllegalArgumentException("Unknown variable " + name + ": no option of section " + p + "* has this "
            + "name (known: " + String.join(", ", same) + "); see docs/configuration.md");
        }
      }
    }
  }

  /**
   * The old names set in {@code env} that this schema reads, each with the name that replaces it (the
   * warning {@link #applyEnvironment(Object, Map)} logs for each).
   */
  public Map<String, String> deprecatedVariables(Map<String, String> env) {
    Map<String, String> used = new LinkedHashMap<>();
    collectDeprecated(env, envPrefix, used);
    return used;
  }

  void collectDeprecated(Map<String, String> env, String prefix, Map<String, String> used) {
    for (Field<T> f : fields) {
      if (f.env && blank(env.get(f.variable(prefix)))) {
        for (String old : f.oldNames(prefix)) {
          if (!blank(env.get(old))) {
            used.put(old, f.variable(prefix));
            break;
          }
        }
      }
    }
    for (Child<T, ?> c : children) {
      c.schema.collectDeprecated(env, c.prefix(prefix), used);
    }
  }

  void collect(String prefix, Set<String> prefixes, Set<String> known) {
    if (prefix != null && (strictPrefix || !Objects.equals(prefix, envPrefix))) {
      prefixes.add(prefix);
    }
    for (Field<T> f : fields) {
      if (f.env) {
        known.add(f.variable(prefix));
        known.addAll(f.oldNames(prefix));
        known.addAll(f.fallbacks);
      }
    }
    for (Child<T, ?> c : children) {
      c.schema.collect(c.prefix(prefix), prefixes, known);
    }
  }

  /** Every variable of this schema and its nested sections, in declaration order. */
  public List<String> variables() {
    List<String> names = new ArrayList<>();
    for (Row row : rows()) {
      names.add(row.variable);
    }
    return names;
  }

  /** The JSON path of every variable of {@link #variables()} ({@code key}, {@code section.key}), in the same order. */
  public List<String> jsonKeys() {
    List<String> keys = new ArrayList<>();
    for (Row row : rows()) {
      keys.add(row.jsonKey.substring(section.isEmpty() ? 0 : section.length() + 1));
    }
    return keys;
  }

  /**
   * The Markdown table of this schema's variables for docs/configuration.md: variable, JSON key, type,
   * default, description, old names.
   */
  public String markdownTable() {
    return table(rows());
  }

  /** Old JSON key ({@code section.oldKey}) to the path it moved to ({@code section.child.key}), nested sections too. */
  public Map<String, String> movedJsonKeys() {
    Map<String, String> moved = new LinkedHashMap<>();
    collectMoved(section, moved);
    return moved;
  }

  private void collectMoved(String path, Map<String, String> out) {
    String base = path == null || path.isEmpty() ? "" : path + ".";
    movedKeys.forEach((old, now) -> out.put(base + old, base + now));
    for (Child<T, ?> c : children) {
      c.schema.collectMoved(base + c.name, out);
    }
  }

  /** As {@link #markdownTable()}, this section's own fields only (its nested sections have tables of their own). */
  public String markdownTableOwnFields() {
    List<Row> rows = new ArrayList<>();
    addFieldRows(rows, envPrefix, section, defaults.get());
    return table(rows);
  }

  private String table(List<Row> rows) {
    Map<String, String> oldKeys = new LinkedHashMap<>();
    movedJsonKeys().forEach((old, now) -> oldKeys.put(now, old));
    StringBuilder sb = new StringBuilder();
    sb.append("| Variable | JSON key | Type | Default | Description |\n");
    sb.append("|---|---|---|---|---|\n");
    for (Row row : rows) {
      sb.append("| `").append(row.variable).append('`');
      if (!row.old.isEmpty()) {
        sb.append(" (was ").append(String.join(", ", row.old.stream().map(s -> "`" + s + "`").toList())).append(')');
      }
      if (!row.fallbacks.isEmpty()) {
        sb.append(", else ").append(String.join(", ", row.fallbacks.stream().map(s -> "`" + s + "`").toList()));
      }
      sb.append(" | `").append(row.jsonKey).append('`');
      if (oldKeys.containsKey(row.jsonKey)) {
        sb.append(" (was `").append(oldKeys.get(row.jsonKey)).append("`)");
      }
      sb.append(" | ").append(row.type).append(" | ")
        .append(row.defaultValue == null ? "" : "`" + row.defaultValue.replace("|", "\\|") + "`")
        .append(" | ").append(row.description.replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    addRows(rows, envPrefix, section, defaults.get());
    return rows;
  }

  private void addRows(List<Row> rows, String prefix, String path, T instance) {
    addFieldRows(rows, prefix, path, instance);
    for (Child<T, ?> c : children) {
      c.addRows(rows, prefix, path, instance);
    }
  }

  private void addFieldRows(List<Row> rows, String prefix, String path, T instance) {
    for (Field<T> f : fields) {
      if (!f.env) {
        continue;
      }
      Object d = instance == null ? null : f.getter.apply(instance);
      String shown = d == null ? null : String.valueOf(f.type.toJson.apply(d));
      if (d instanceof List<?> list) {
        shown = list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList());
      }
      if (d instanceof Map<?, ?> map && map.isEmpty()) {
        shown = null;
      }
      if (f.docDefault != null) {
        shown = f.docDefault;
      }
      rows.add(new Row(f.variable(prefix), path == null || path.isEmpty() ? f.name : path + "." + f.name,
        f.type.label + f.unitLabel(), shown, f.description, f.oldNames(prefix), List.copyOf(f.fallbacks)));
    }
  }

  private record Row(String variable, String jsonKey, String type, String defaultValue, String description, List<String> old,
    List<String> fallbacks) {
  }

  private String path(Field<T> f) {
    return section == null || section.isEmpty() ? f.name : section + "." + f.name;
  }

  /** Upper snake case of a camel-case name: {@code maxCachedViews} → {@code MAX_CACHED_VIEWS}. */
  public static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** One field: its JSON key, type, accessors, variable and old names. */
  public static final class Field<T> {
    final String name;
    final Type type;
    final Unit unit;
    final Function<T, Object> getter;
    final BiConsumer<T, Object> setter;
    final String description;
    String key;
    boolean env = true;
    String docDefault;
    final List<String> deprecated = new ArrayList<>();
    final List<String> deprecatedKeys = new ArrayList<>();
    final List<String> fallbacks = new ArrayList<>();

    /** The old names under {@code prefix}: the absolute ones and the keys relative to the prefix. */
    List<String> oldNames(String prefix) {
      List<String> names = new ArrayList<>(deprecated);
      for (String k : deprecatedKeys) {
        names.add(prefix + k);
      }
      return names;
    }

    @SuppressWarnings("unchecked")
    <V> Field(String name, Type type, Unit unit, Function<T, V> getter, BiConsumer<T, V> setter, String description) {
      this.name = name;
      this.type = type;
      this.unit = unit;
      this.getter = (Function<T, Object>) getter;
      this.setter = (BiConsumer<T, Object>) setter;
      this.description = description;
      String base = name;
      if (!unit.word.isEmpty() && base.endsWith(unit.word)) {
        base = base.substring(0, base.length() - unit.word.length());
      }
      this.key = snake(base) + unit.suffix;
    }

    /** The JSON key. */
    public String name() {
      return name;
    }

    /** The variable under {@code prefix}. */
    public String variable(String prefix) {
      return prefix + key;
    }

    String unitLabel() {
      return switch (unit) {
        case MILLISECONDS -> ", ms";
        case SECONDS -> ", seconds";
        case BYTES -> ", bytes";
        default -> "";
      };
    }
  }

  /** How a field's value reads from JSON and from a variable. */
  public record Type(String label, Function<Object, Object> fromJson, Function<Object, Object> toJson, Function<String, Object> fromEnv) {

    public static final Type BOOLEAN = new Type("boolean", v -> (Boolean) v, v -> v, Type::parseBoolean);
    public static final Type INTEGER = new Type("integer", v -> ((Number) v).intValue(), v -> v, Integer::parseInt);
    public static final Type LONG = new Type("integer", v -> ((Number) v).longValue(), v -> v, Long::parseLong);
    public static final Type DECIMAL = new Type("number", v -> ((Number) v).doubleValue(), v -> v, Double::parseDouble);
    public static final Type STRING = new Type("string", v -> (String) v, v -> v, v -> v);
    public static final Type LIST = new Type("comma-separated list", Type::listFromJson, v -> new JsonArray(new ArrayList<>((List<?>) v)),
      Type::listFromEnv);

    /** Only {@code true} and {@code false} (any case): {@code yes}, {@code 1} or {@code on} are mistakes, not {@code false}. */
    static Boolean parseBoolean(String v) {
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("not a boolean: " + v);
    }

    static List<String> listFromJson(Object v) {
      List<String> list = new ArrayList<>();
      ((JsonArray) v).forEach(e -> list.add(String.valueOf(e)));
      return list;
    }

    static List<String> listFromEnv(String v) {
      List<String> list = new ArrayList<>();
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          list.add(part.trim());
        }
      }
      return list;
    }

    /** A type read from and written as a string, e.g. an enum. */
    public static <V> Type text(String label, Function<String, V> parse, Function<V, String> format) {
      @SuppressWarnings("unchecked")
      Function<Object, Object> out = v -> format.apply((V) v);
      return new Type(label, v -> parse.apply((String) v), out, parse::apply);
    }
  }

  private static final class Child<T, C> {
    final String name;
    final Function<T, C> getter;
    final OptionsSchema<C> schema;

    Child(String name, Function<T, C> getter, OptionsSchema<C> schema) {
      this.name = name;
      this.getter = getter;
      this.schema = schema;
    }

    String prefix(String parentPrefix) {
      return parentPrefix == null ? null : parentPrefix + snake(name) + "_";
    }

    void fromJson(T target, JsonObject json) {
      if (json != null) {
        schema.fromJson(getter.apply(target), json);
      }
    }

    JsonObject toJson(T target) {
      return schema.toJson(getter.apply(target));
    }

    void apply(T target, Map<String, String> env, String parentPrefix) {
      schema.apply(getter.apply(target), env, prefix(parentPrefix));
    }

    void addRows(List<Row> rows, String parentPrefix, String path, T instance) {
      schema.addRows(rows, prefix(parentPrefix), path == null || path.isEmpty() ? name : path + "." + name,
        instance == null ? null : getter.apply(instance));
    }
  }

  /** Builds a schema; the field methods add a field, the modifiers change the last one added. */
  public static final class Builder<T> {
    private final String section;
    private final String envPrefix;
    private final boolean strictPrefix;
    private final Supplier<T> defaults;
    private final List<Field<T>> fields = new ArrayList<>();
    private final List<Child<T, ?>> children = new ArrayList<>();
    private final Map<String, String> movedKeys = new LinkedHashMap<>();

    private Builder(String section, String envPrefix, boolean strictPrefix, Supplier<T> defaults) {
      this.section = section;
      this.envPrefix = envPrefix;
      this.strictPrefix = strictPrefix;
      this.defaults = defaults;
    }

    /**
     * The top-level options: variables {@code HONOSTAR_<KEY>} and no prefix check (other programs and the
     * app have their own {@code HONOSTAR_*} variables).
     */
    public static <T> Builder<T> root(Supplier<T> defaults) {
      return new Builder<>("", "HONOSTAR_", false, defaults);
    }

    public <V> Builder<T> field(String name, Type type, Unit unit, Function<T, V> getter, BiConsumer<T, V> setter, String description) {
      fields.add(new Field<>(name, type, unit, getter, setter, description));
      return this;
    }

    public Builder<T> bool(String name, Function<T, Boolean> getter, BiConsumer<T, Boolean> setter, String description) {
      return field(name, Type.BOOLEAN, Unit.NONE, getter, setter, description);
    }

    public Builder<T> integer(String name, Function<T, Integer> getter, BiConsumer<T, Integer> setter, String description) {
      return field(name, Type.INTEGER, Unit.NONE, getter, setter, description);
    }

    public Builder<T> longValue(String name, Function<T, Long> getter, BiConsumer<T, Long> setter, String description) {
      return field(name, Type.LONG, Unit.NONE, getter, setter, description);
    }

    public Builder<T> decimal(String name, Function<T, Double> getter, BiConsumer<T, Double> setter, String description) {
      return field(name, Type.DECIMAL, Unit.NONE, getter, setter, description);
    }

    public Builder<T> string(String name, Function<T, String> getter, BiConsumer<T, String> setter, String description) {
      return field(name, Type.STRING, Unit.NONE, getter, setter, description);
    }

    public Builder<T> list(String name, Function<T, List<String>> getter, BiConsumer<T, List<String>> setter, String description) {
      return field(name, Type.LIST, Unit.NONE, getter, setter, description);
    }

    /** A duration in milliseconds: variable suffix {@code _MS}. */
    public Builder<T> millis(String name, Function<T, Long> getter, BiConsumer<T, Long> setter, String description) {
      return field(name, Type.LONG, Unit.MILLISECONDS, getter, setter, description);
    }

    /** A duration in seconds: variable suffix {@code _SECONDS}. */
    public Builder<T> seconds(String name, Function<T, Long> getter, BiConsumer<T, Long> setter, String description) {
      return field(name, Type.LONG, Unit.SECONDS, getter, setter, description);
    }

    /** An int duration in seconds: variable suffix {@code _SECONDS}. */
    public Builder<T> intSeconds(String name, Function<T, Integer> getter, BiConsumer<T, Integer> setter, String description) {
      return field(name, Type.INTEGER, Unit.SECONDS, getter, setter, description);
    }

    /** A size in bytes: variable suffix {@code _BYTES}. */
    public Builder<T> bytes(String name, Function<T, Integer> getter, BiConsumer<T, Integer> setter, String description) {
      return field(name, Type.INTEGER, Unit.BYTES, getter, setter, description);
    }

    /** A long size in bytes: variable suffix {@code _BYTES}. */
    public Builder<T> longBytes(String name, Function<T, Long> getter, BiConsumer<T, Long> setter, String description) {
      return field(name, Type.LONG, Unit.BYTES, getter, setter, description);
    }

    /** An enum written in lower case and read in any case. */
    public <E extends Enum<E>> Builder<T> enumValue(String name, Class<E> type, Function<T, E> getter, BiConsumer<T, E> setter,
      String description) {
      E[] constants = type.getEnumConstants();
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < constants.length; i++) {
        values.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ").append(constants[i].name().toLowerCase(Locale.ROOT));
      }
      return field(name, Type.text(values.toString(), s -> Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT).replace('-', '_')),
        (E e) -> e.name().toLowerCase(Locale.ROOT)), Unit.NONE, getter, setter, description);
    }

    /** Old names of the last field: still read (when the new one is unset), with a warning naming the new one. */
    public Builder<T> deprecated(String... oldNames) {
      last().deprecated.addAll(List.of(oldNames));
      return this;
    }

    /** Old keys of the last field, relative to the prefix (for sections whose prefix the app chooses). */
    public Builder<T> deprecatedKey(String... oldKeys) {
      last().deprecatedKeys.addAll(List.of(oldKeys));
      return this;
    }

    /** Conventional variables of other tools the last field falls back to, quietly (e.g. {@code REDIS_URL}). */
    public Builder<T> fallback(String... names) {
      last().fallbacks.addAll(List.of(names));
      return this;
    }

    /** The default docs/configuration.md shows for the last field, when it depends on the machine or on production. */
    public Builder<T> docDefault(String text) {
      last().docDefault = text;
      return this;
    }

    /** The last field is read from JSON only (it has no variable). */
    public Builder<T> jsonOnly() {
      last().env = false;
      return this;
    }

    /** Overrides the last field's variable key (after the prefix), for a name the unit rule cannot derive. */
    public Builder<T> key(String key) {
      last().key = key;
      return this;
    }

    /**
     * An old JSON key of this section whose field moved into a nested section: {@code movedKey("maxTopics",
     * "token.maxTopics")} reads {@code {"maxTopics": 7}} as {@code {"token": {"maxTopics": 7}}}; the new key
     * wins when both are set. docs/configuration.md shows the old key beside the new one.
     */
    public Builder<T> movedKey(String oldKey, String newPath) {
      if (newPath.indexOf('.') < 0) {
        throw new IllegalArgumentException("not a nested path: " + newPath);
      }
      movedKeys.put(oldKey, newPath);
      return this;
    }

    /** A nested section: JSON object {@code name}, variables {@code <PREFIX><NAME>_<KEY>}. */
    public <C> Builder<T> section(String name, Function<T, C> getter, OptionsSchema<C> schema) {
      children.add(new Child<>(name, getter, schema));
      return this;
    }

    private Field<T> last() {
      if (fields.isEmpty()) {
        throw new IllegalStateException("no field yet");
      }
      return fields.get(fields.size() - 1);
    }

    public OptionsSchema<T> build() {
      Map<String, String> seen = new LinkedHashMap<>();
      for (Field<T> f : fields) {
        if (seen.put(f.name, f.key) != null) {
          throw new IllegalStateException("duplicate field " + f.name);
        }
      }
      return new OptionsSchema<>(this);
    }
  }
}
