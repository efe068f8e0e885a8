package dev.honostar.verticles;

import dev.honostar.HonoStarOptions;
import dev.honostar.live.LiveOptions;
import dev.honostar.security.TokenOptions;
import dev.honostar.security.SessionStoreOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every YAML under k8s/ parses, and the manifests agree with each other and with what the app really serves and reads. */
class ManifestTest {

  /** Variables the demo and the framework read that no options schema lists. */
  static final Set<String> OTHER_KNOWN = Set.of(
    "DATABASE_URL", "HONOSTAR_DATA_DIR", TokenOptions.DEFAULT_SIGNING_SECRET_ENV, TokenOptions.DEFAULT_PREVIOUS_SIGNING_SECRET_ENV,
    "ISSUES_BCRYPT_COST", "ISSUES_DB_POOL_SIZE", "ISSUES_SEED", "JAVA_TOOL_OPTIONS");

  /** Every variable of the schemas (the core's, Hazelcast's, the verticle's and the launcher's) with the tools' fallbacks. */
  static Set<String> schemaVariables() {
    Set<String> names = new TreeSet<>();
    names.addAll(HonoStarOptions.SCHEMA.variables());
    names.addAll(dev.honostar.bus.HazelcastClusterOptions.SCHEMA.variables());
    names.addAll(HttpOptions.SCHEMA.variables());
    names.addAll(LauncherOptions.SCHEMA.variables());
    names.addAll(Set.of("PORT", "POD_NAMESPACE"));
    return names;
  }

  static Path root;
  static final Map<Path, List<Map<String, Object>>> docs = new java.util.TreeMap<>();

  @BeforeAll
  static void load() throws IOException {
    root = Path.of(System.getProperty("honostar.repo.root", "..")).toAbsolutePath().normalize();
    Path k8s = root.resolve("k8s");
    assertThat(k8s).isDirectory();
    try (Stream<Path> files = Files.walk(k8s)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
        List<Map<String, Object>> list = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(f)) {
          for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
            if (doc != null) {
              assertThat(doc).as("%s: every document is a mapping", f).isInstanceOf(Map.class);
              list.add(map(doc));
            }
          }
        }
        docs.put(f, list);
      }
    }
    assertThat(docs).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  static Object at(Object node, String... path) {
    Object cur = node;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }

  static List<Map<String, Object>> kind(String kind) {
    return docs.values().stream().flatMap(List::stream).filter(d -> kind.equals(d.get("kind"))).toList();
  }

  /** The base Deployment (the tiers overlay adds the live tier's own). */
  static Map<String, Object> deployment() {
    List<Map<String, Object>> all = docs.entrySet().stream().filter(f -> f.getKey().startsWith(root.resolve("k8s/base")))
      .flatMap(f -> f.getValue().stream()).filter(d -> "Deployment".equals(d.get("kind"))).toList();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  static Map<String, Object> appContainer() {
    return map(list(at(deployment(), "spec", "template", "spec", "containers")).get(0));
  }

  static Map<String, Object> configMap() {
    return kind("ConfigMap").get(0);
  }

  static long configMillis(String name, long fallback) {
    Object v = at(configMap(), "data", name);
    return v == null ? fallback : Long.parseLong(v.toString());
  }

  @Test
  void kustomizationsReferenceFilesThatExist() {
    List<Path> kustomizations = docs.keySet().stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
    assertThat(kustomizations).hasSize(5);
    for (Path k : kustomizations) {
      Map<String, Object> doc = docs.get(k).get(0);
      List<String> refs = new ArrayList<>();
      list(doc.get("resources")).forEach(r -> refs.add(r.toString()));
      list(doc.get("patches")).forEach(p -> refs.add(Objects.toString(at(p, "path"))));
      assertThat(refs).as(k.toString()).isNotEmpty();
      for (String ref : refs) {
        Path target = k.getParent().resolve(ref).normalize();
        assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
          .as("%s references %s", k, ref).isTrue();
      }
    }
  }

  @Test
  void servicesSelectTheDeploymentsPodsAndTargetItsPorts() {
    List<Map<String, Object>> deployments = kind("Deployment").stream().filter(d -> at(d, "spec", "selector") != null).toList();
    List<Set<Map.Entry<String, Object>>> podLabels = new ArrayList<>();
    for (Map<String, Object> d : deployments) {
      Map<String, Object> labels = map(at(d, "spec", "template", "metadata", "labels"));
      assertThat(map(at(d, "spec", "selector", "matchLabels")).entrySet()).isSubsetOf(labels.entrySet());
      podLabels.add(labels.entrySet());
    }
    Set<Object> portNames = new HashSet<>();
    Set<Object> portNumbers = new HashSet<>();
    for (Map<String, Object> d : kind("Deployment")) {
      for (Object c : list(at(d, "spec", "template", "spec", "containers"))) {
        for (Object p : list(at(c, "ports"))) {
          portNames.add(at(p, "name"));
          portNumbers.add(at(p, "containerPort"));
        }
      }
    }
    for (Map<String, Object> svc : kind("Service")) {
      assertThat(selectsPods(map(at(svc, "spec", "selector")), podLabels)).as("selector of %s", at(svc, "metadata", "name")).isTrue();
      for (Object p : list(at(svc, "spec", "ports"))) {
        Object target = at(p, "targetPort");
        assertThat(target instanceof Integer ? portNumbers : portNames).as("targetPort %s of %s", target, at(svc, "metadata", "name"))
          .contains(target);
      }
    }
    for (String k : List.of("PodDisruptionBudget", "NetworkPolicy")) {
      for (Map<String, Object> d : kind(k)) {
        Object sel = k.equals("NetworkPolicy") ? at(d, "spec", "podSelector", "matchLabels") : at(d, "spec", "selector", "matchLabels");
        assertThat(selectsPods(map(sel), podLabels)).as("%s %s", k, at(d, "metadata", "name")).isTrue();
      }
    }
    Set<Object> deploymentNames = new HashSet<>();
    deployments.forEach(d -> deploymentNames.add(at(d, "metadata", "name")));
    for (Map<String, Object> hpa : kind("HorizontalPodAutoscaler")) {
      assertThat(deploymentNames).contains(at(hpa, "spec", "scaleTargetRef", "name"));
    }
    Map<String, Object> hpa = kind("HorizontalPodAutoscaler").get(0);
    assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(deployment(), "metadata", "name"));
    assertThat(at(deployment(), "spec", "replicas")).isEqualTo(3);
    assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(3);
  }

  static boolean selectsPods(Map<String, Object> selector, List<Set<Map.Entry<String, Object>>> podLabels) {
    return podLabels.stream().anyMatch(labels -> labels.containsAll(selector.entrySet()));
  }

  @Test
  void theTiersOverlayRoutesTheStreamPathToTheLiveTierAndScalesItOnConnections() {
    Path dir = root.resolve("k8s/overlays/tiers");
    Map<String, Map<String, Object>> byFile = new java.util.HashMap<>();
    docs.forEach((f, list) -> {
      if (f.startsWith(dir)) {
        byFile.put(f.getFileName().toString(), list.get(0));
      }
    });
    assertThat(list(at(byFile.get("kustomization.yaml"), "resources"))).as("the tiers talk through the redis overlay's bus").contains("../redis");

    Map<String, Object> live = byFile.get("live-deployment.yaml");
    assertThat(env(live, Role.ENV)).isEqualTo("live");
    assertThat(env(live, "HONOSTAR_BUS_KIND")).isEqualTo("redis");
    assertThat(env(byFile.get("app-role.yaml"), Role.ENV)).isEqualTo("app");

    // The ingress: the stream path to the live Service, which selects the live pods, the rest to the app tier.
    Map<String, String> backends = new java.util.LinkedHashMap<>();
    for (Object p : list(at(list(at(byFile.get("ingress.yaml"), "spec", "rules")).get(0), "http", "paths"))) {
      backends.put(at(p, "path").toString(), at(p, "backend", "service", "name").toString());
    }
    Map<String, Object> liveService = byFile.get("live-service.yaml");
    assertThat(backends).containsEntry(LiveOptions.DEFAULT_EVENTS_PATH, at(liveService, "metadata", "name").toString())
      .containsEntry("/", at(deployment(), "metadata", "name").toString());
    assertThat(map(at(live, "spec", "template", "metadata", "labels"))).containsAllEntriesOf(map(at(liveService, "spec", "selector")));
    assertThat(map(at(deployment(), "spec", "template", "metadata", "labels")).entrySet())
      .as("the app tier's Service must not select live pods").doesNotContainAnyElementsOf(map(at(liveService, "spec", "selector")).entrySet());

    // The live tier's HPA scales it on open streams, the gauge /_/metrics exports.
    Map<String, Object> hpa = byFile.get("live-hpa.yaml");
    assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(live, "metadata", "name"));
    Object metric = at(list(at(hpa, "spec", "metrics")).get(0), "pods", "metric", "name");
    assertThat(metric).isEqualTo("honostar_live_connections");
  }

  @Test
  void everyOverlayWithoutClusteringKeepsSessionsInRedis() {
    // Several replicas and no affinity: a store every pod sees, or sign-ins are lost between pods.
    for (String overlay : List.of("redis", "nats", "tiers")) {
      Path dir = root.resolve("k8s/overlays").resolve(overlay);
      Map<String, Object> vars = new java.util.HashMap<>();
      docs.forEach((f, list) -> {
        if (f.startsWith(dir)) {
          for (Map<String, Object> d : list) {
            for (Object c : list(at(d, "spec", "template", "spec", "containers"))) {
              list(at(c, "env")).forEach(e -> vars.put(at(e, "name").toString(), Objects.toString(at(e, "value"), "(secret)")));
            }
          }
        }
      });
      SessionStoreOptions sessions = new SessionStoreOptions().applyEnvironment(Map.of(SessionStoreOptions.ENV_REDIS_URL,
        vars.containsKey(SessionStoreOptions.ENV_REDIS_URL) ? "redis://sessions:6379" : ""));
      dev.honostar.bus.BusKind bus = dev.honostar.bus.BusKind.valueOf(Objects.toString(vars.getOrDefault("HONOSTAR_BUS_KIND", "redis")).toUpperCase());
      assertThat(sessions.resolveKind(bus, false)).as(overlay).isEqualTo(SessionStoreOptions.Kind.REDIS);
    }
  }

  static Object env(Map<String, Object> deployment, String name) {
    return list(at(deployment, "spec", "template", "spec", "containers")).stream().flatMap(c -> list(at(c, "env")).stream())
      .filter(e -> name.equals(at(e, "name"))).map(e -> at(e, "value")).findFirst().orElse(null);
  }

  @Test
  void ingressPointsAtTheServiceAndOutlastsTheHeartbeat() {
    Map<String, Object> ingress = kind("Ingress").get(0);
    Map<String, Object> svc = kind("Service").stream().filter(s -> at(s, "spec", "clusterIP") == null).findFirst().orElseThrow();
    Object backend = at(list(at(list(at(ingress, "spec", "rules")).get(0), "http", "paths")).get(0), "backend", "service");
    assertThat(at(backend, "name")).isEqualTo(at(svc, "metadata", "name"));
    Set<Object> servicePorts = new HashSet<>();
    list(at(svc, "spec", "ports")).forEach(p -> {
      servicePorts.add(at(p, "name"));
      servicePorts.add(at(p, "port"));
    });
    Object port = at(backend, "port", "name") != null ? at(backend, "port", "name") : at(backend, "port", "number");
    assertThat(servicePorts).contains(port);

    Map<String, Object> annotations = map(at(ingress, "metadata", "annotations"));
    assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
    long heartbeatSeconds = configMillis("HONOSTAR_LIVE_HEARTBEAT_MS", LiveOptions.DEFAULT_HEARTBEAT_MILLIS) / 1000;
    for (String t : List.of("proxy-read-timeout", "proxy-send-timeout")) {
      assertThat(Long.parseLong(annotations.get("nginx.ingress.kubernetes.io/" + t).toString())).as(t).isGreaterThan(2 * heartbeatSeconds);
    }
  }

  @Test
  void probesUseTheRealOpsEndpointsOnTheServedPort() {
    Map<String, Object> c = appContainer();
    Set<Object> ports = new HashSet<>();
    list(c.get("ports")).forEach(p -> {
      ports.add(at(p, "name"));
      ports.add(at(p, "containerPort"));
    });
    assertThat(ports).contains(HonoStarVerticle.DEFAULT_PORT);
    assertThat(at(configMap(), "data", "PORT")).isEqualTo(Integer.toString(HonoStarVerticle.DEFAULT_PORT));
    assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo(OpsEndpoints.HEALTH_PATH);
    assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo(OpsEndpoints.READY_PATH);
    assertThat(at(c, "startupProbe", "httpGet", "path")).isEqualTo(OpsEndpoints.HEALTH_PATH);
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(ports).as(probe).contains(at(c, probe, "httpGet", "port"));
    }
    Map<String, Object> podAnnotations = map(at(deployment(), "spec", "template", "metadata", "annotations"));
    assertThat(podAnnotations).containsEntry("prometheus.io/path", OpsEndpoints.METRICS_PATH)
      .containsEntry("prometheus.io/port", Integer.toString(HonoStarVerticle.DEFAULT_PORT));
    assertThat(at(c, "resources", "requests")).isNotNull();
    assertThat(at(c, "resources", "limits")).isNotNull();
  }

  @Test
  void terminationGraceOutlastsPreStopPlusDrain() {
    Map<String, Object> c = appContainer();
    List<Object> preStop = list(at(c, "lifecycle", "preStop", "exec", "command"));
    assertThat(preStop).first().isEqualTo("sleep");
    long preStopSeconds = Long.parseLong(preStop.get(1).toString());
    long drainSeconds = (configMillis("HONOSTAR_LIVE_DRAIN_MS", LiveOptions.DEFAULT_DRAIN_MILLIS) + 999) / 1000;
    long grace = ((Number) at(deployment(), "spec", "template", "spec", "terminationGracePeriodSeconds")).longValue();
    long inFlight = HonoStarVerticle.DEFAULT_SHUTDOWN_GRACE / 1000;
    assertThat(grace).isGreaterThan(preStopSeconds + drainSeconds + inFlight);
  }

  @Test
  void everyEnvironmentVariableSetIsOneTheAppReads() {
    Set<String> known = new TreeSet<>(OTHER_KNOWN);
    known.addAll(schemaVariables());
    Set<String> set = new TreeSet<>();
    Set<String> refs = new TreeSet<>();
    for (List<Map<String, Object>> file : docs.values()) {
      for (Map<String, Object> d : file) {
        if ("ConfigMap".equals(d.get("kind")) || "Secret".equals(d.get("kind"))) {
          Object data = d.get("data") != null ? d.get("data") : d.get("stringData");
          set.addAll(map(data).keySet());
        }
        for (Object c : list(at(d, "spec", "template", "spec", "containers"))) {
          list(at(c, "env")).forEach(e -> set.add(at(e, "name").toString()));
          for (Object e : list(at(c, "env"))) {
            Object ref = at(e, "valueFrom", "secretKeyRef");
            if (ref != null) {
              refs.add(at(ref, "key").toString());
            }
          }
        }
      }
    }
    assertThat(set).contains("HONOSTAR_SIGNING_SECRET", "DATABASE_URL", "HONOSTAR_LIVE_DRAIN_MS", "HONOSTAR_BUS_KIND");
    assertThat(known).containsAll(set);
    // Keys of existing secrets may keep an earlier variable's name: the variable set from it has the new one.
    for (String key : refs) {
      assertThat(known.contains(key) || !HonoStarOptions.SCHEMA.deprecatedVariables(Map.of(key, "x")).isEmpty()).as(key).isTrue();
    }
  }

  @Test
  void overlaysSetTheirBus() {
    Map<String, String> expected = Map.of("redis", "HONOSTAR_BUS_REDIS_URL", "nats", "HONOSTAR_BUS_NATS_URL", "hazelcast", "HONOSTAR_HZ_KUBERNETES_SERVICE_NAME");
    expected.forEach((overlay, variable) -> {
      Path dir = root.resolve("k8s/overlays").resolve(overlay);
      List<String> names = new ArrayList<>();
      String busKind = null;
      for (Map.Entry<Path, List<Map<String, Object>>> f : docs.entrySet()) {
        if (!f.getKey().startsWith(dir)) {
          continue;
        }
        for (Map<String, Object> d : f.getValue()) {
          for (Object c : list(at(d, "spec", "template", "spec", "containers"))) {
            for (Object e : list(at(c, "env"))) {
              names.add(at(e, "name").toString());
              if ("HONOSTAR_BUS_KIND".equals(at(e, "name"))) {
                busKind = Objects.toString(at(e, "value"));
              }
            }
          }
        }
      }
      assertThat(names).as(overlay).contains(variable);
      assertThat(busKind).as(overlay).isEqualTo(overlay.equals("hazelcast") ? "clustered" : overlay);
    });
    Path headless = root.resolve("k8s/overlays/hazelcast/headless-service.yaml");
    assertThat(at(docs.get(headless).get(0), "spec", "clusterIP")).isEqualTo("None");
    Object service = kind("Deployment").stream().flatMap(d -> list(at(d, "spec", "template", "spec", "containers")).stream())
      .flatMap(c -> list(at(c, "env")).stream()).filter(e -> "HONOSTAR_HZ_KUBERNETES_SERVICE_NAME".equals(at(e, "name"))).map(e -> at(e, "value"))
      .findFirst().orElseThrow();
    assertThat(at(docs.get(headless).get(0), "metadata", "name")).isEqualTo(service);
    List<Object> rules = list(at(kind("Role").get(0), "rules"));
    assertThat(list(at(rules.get(0), "resources"))).contains("endpoints", "pods", "services");
    assertThat(list(at(rules.get(0), "verbs"))).contains("get", "list");
  }
}
