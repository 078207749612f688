package io.dhcpsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.dhcpsuite.config.SuiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm lint --strict and helm template through helm-java (Helm 3 as a native library; no helm binary
 * and no cluster), for the default values and each example values file in deploy/helm, then checks
 * on what the chart renders.
 */
class HelmChartTest {
    static final Path ROOT = Repo.root();
    static final Path CHART = ROOT.resolve("helm/dhcp-suite");
    static final String RELEASE = "dhcp";
    static final String FULL = "dhcp-dhcp-suite";
    static final List<String> COMPONENTS = List.of("dhcp-service", "lease-service", "ha-service", "ddns-service", "gateway");

    /** helm template's default Kubernetes version (1.20) is older than the chart's kubeVersion. */
    static TemplateCommand template() {
        return new Helm(CHART).template().withName(RELEASE).withKubeVersion("1.30.0");
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("deploy/helm"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Arguments> valueSets() throws IOException {
        return Stream.concat(Stream.of(Arguments.of("default values", null)),
                examples().map(p -> Arguments.of(p.getFileName().toString(), p)));
    }

    @Test
    void examplesExist() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("values-external-db.yaml", "values-hostnetwork.yaml", "values-memfile.yaml", "values-dhcp6.yaml");
    }

    /**
     * helm-java 0.0.21's lint takes no values file, so an example is linted as a copy of the chart
     * whose values.yaml is the defaults merged with the example (what -f would give).
     */
    @ParameterizedTest(name = "helm lint --strict, {0}")
    @MethodSource("valueSets")
    void lintStrict(String name, Path valuesFile, @TempDir Path tmp) throws IOException {
        Path chart = CHART;
        if (valuesFile != null) {
            chart = tmp.resolve("dhcp-suite");
            copy(CHART, chart);
            Map<String, Object> merged = Repo.merge(Repo.yamlFile(CHART.resolve("values.yaml")), Repo.yamlFile(valuesFile));
            Files.writeString(chart.resolve("values.yaml"), Repo.yaml().dump(merged));
        }
        LintResult r = new Helm(chart).lint().strict().call();
        assertThat(r.isFailed()).as("lint of %s: %s", name, r.getMessages()).isFalse();
        assertThat(r.getMessages()).as(name).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "helm template, {0}")
    @MethodSource("valueSets")
    void rendersConsistentManifests(String name, Path valuesFile, @TempDir Path tmp) throws IOException {
        Map<String, Object> values = Repo.yamlFile(CHART.resolve("values.yaml"));
        TemplateCommand t = template().withNamespace("dhcp");
        if (valuesFile != null) {
            t = t.withValuesFile(valuesFile);
            values = Repo.merge(values, Repo.yamlFile(valuesFile));
        }
        Manifests m = new Manifests(Repo.documents(t.call()));
        // Generated passwords are pre-install hook Secrets, which helm-java's template leaves out:
        // the same render with the passwords given shows them as ordinary Secrets.
        TemplateCommand twin = template().withNamespace("dhcp");
        if (valuesFile != null) {
            twin = twin.withValuesFile(valuesFile);
        }
        if (isBlank(Repo.at(values, "leaseDatabase.existingSecret"))) {
            twin = twin.set("leaseDatabase.password", "x");
        }
        if (isBlank(Repo.at(values, "gateway.auth.existingSecret"))) {
            twin = twin.set("gateway.auth.password", "x");
        }
        for (Map<String, Object> d : Repo.documents(twin.call())) {
            if ("Secret".equals(d.get("kind")) && m.find("Secret", Repo.at(d, "metadata.name")) == null) {
                m.docs().add(d);
            }
        }
        checkAll(m, values, tmp);
    }

    @Test
    void serviceMonitorScrapesTheMetricsPortOfEveryService() {
        Manifests m = new Manifests(Repo.documents(template()
                .set("metrics.serviceMonitor.enabled", true).call()));
        Map<String, Object> sm = m.one("ServiceMonitor", FULL);
        assertThat(Repo.list(sm, "spec.endpoints")).extracting(e -> e.get("port")).containsExactly("http-metrics");
        for (String c : COMPONENTS) {
            assertThat(Repo.list(m.one("Service", FULL + "-" + c), "spec.ports"))
                    .as(c).anyMatch(p -> "http-metrics".equals(p.get("name")));
        }
    }

    /** Combinations the templates must refuse, each with a message naming the values to change. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(set("postgresql.enabled", false), "leaseDatabase.type=postgresql needs a database"),
                Arguments.of(set("leaseDatabase.host", "db.example.com"), "postgresql.enabled=true and leaseDatabase.host are both set"),
                Arguments.of(set("postgresql.enabled", false).then(set("leaseDatabase.host", "db.example.com")),
                        "the external PostgreSQL needs a password"),
                Arguments.of(set("leaseDatabase.type", "memfile"), "the in-chart PostgreSQL would be unused"),
                Arguments.of(set("leaseService.replicas", 2), "/leaseService/replicas"),
                Arguments.of(set("config.Dhcp4.lease-database.type", "memfile"), "remove it, the chart writes it from leaseDatabase"),
                Arguments.of(set("config.Dhcp6.lease-database.type", "memfile"), "config.Dhcp6.lease-database is set"),
                Arguments.of(set("config.Dhcp6.interfaces-config.interfaces[0]", "eth1"), "config.Dhcp6.interfaces-config.interfaces has \"eth1\""),
                Arguments.of(set("dhcp.service.ipFamilyPolicy", "DualStack"), "values don't meet the specifications of the schema"),
                Arguments.of(set("config.Control-agent.http-port", 8001), "config.Control-agent.http-host/http-port are set"),
                Arguments.of(set("config.Control-agent.authentication.type", "basic"), "config.Control-agent.authentication is set"),
                Arguments.of(set("config.Dhcp4.interfaces-config.dhcp-socket-type", "raw"), "needs NET_RAW"),
                Arguments.of(set("config.Dhcp4.interfaces-config.interfaces[0]", "eth1"), "the pod has one interface"),
                Arguments.of(set("dhcp.service.type", "ClusterIP"), "without dhcp.service.externalIPs"),
                Arguments.of(set("dhcp.service.type", "NodePort"), "values don't meet the specifications of the schema"),
                Arguments.of(set("dhcp.mode", "bridge"), "values don't meet the specifications of the schema"),
                Arguments.of(set("gatway.port", 8000), "values don't meet the specifications of the schema"));
    }

    @ParameterizedTest(name = "refuses {1}")
    @MethodSource("refusals")
    void refusesInvalidCombinations(UnaryOperator<TemplateCommand> settings, String message) {
        TemplateCommand t = settings.apply(template());
        assertThatThrownBy(t::call).hasMessageContaining(message);
    }

    @Test
    void hostNetworkModeGrantsOnlyNetBindService() {
        Manifests m = new Manifests(Repo.documents(template()
                .set("dhcp.mode", "hostNetwork").set("config.Dhcp4.interfaces-config.interfaces[0]", "eth1").call()));
        Map<String, Object> pod = Repo.at(m.one("Deployment", FULL + "-dhcp-service"), "spec.template.spec");
        assertThat((Boolean) pod.get("hostNetwork")).isTrue();
        assertThat(Repo.<List<String>>at(pod.get("containers") instanceof List<?> l ? l.get(0) : null,
                "securityContext.capabilities.add")).containsExactly("NET_BIND_SERVICE");
        assertThat(m.find("Service", FULL + "-dhcp")).as("no relay Service in hostNetwork mode").isNull();
        assertThat(Repo.list(pod.get("containers") instanceof List<?> l ? l.get(0) : null, "ports"))
                .as("no DHCPv6 port without config.Dhcp6").noneMatch(p -> Integer.valueOf(547).equals(p.get("containerPort")));
        // The other services stay non-root on the pod network.
        Map<String, Object> lease = Repo.at(m.one("Deployment", FULL + "-lease-service"), "spec.template.spec");
        assertThat(lease.get("hostNetwork")).isNull();
        assertThat(Repo.<Boolean>at(lease, "securityContext.runAsNonRoot")).isTrue();
    }

    /** hostNetwork with a Dhcp6 section: the node's 547 is claimed as 67 is, and the pod stays root with NET_BIND_SERVICE only. */
    @Test
    void hostNetworkModeClaimsTheDhcpv6PortOfTheNode() {
        Manifests m = new Manifests(Repo.documents(template()
                .set("dhcp.mode", "hostNetwork").set("config.Dhcp4.interfaces-config.interfaces[0]", "eth1")
                .set("config.Dhcp6.interfaces-config.interfaces[0]", "eth1")
                .set("config.Dhcp6.subnet6[0].id", 1).set("config.Dhcp6.subnet6[0].subnet", "2001:db8:1::/64").call()));
        Map<String, Object> c = Repo.<List<Map<String, Object>>>at(m.one("Deployment", FULL + "-dhcp-service"), "spec.template.spec.containers").get(0);
        assertThat(Repo.list(c, "ports")).filteredOn(p -> "UDP".equals(p.get("protocol")))
                .extracting(p -> p.get("name"), p -> p.get("containerPort"), p -> p.get("hostPort"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dhcp", 67, 67), org.assertj.core.groups.Tuple.tuple("dhcp6", 547, 547));
        assertThat(Repo.<List<String>>at(c, "securityContext.capabilities.add")).containsExactly("NET_BIND_SERVICE");
        assertThat(m.find("Service", FULL + "-dhcp")).isNull();
    }

    // ---------------------------------------------------------------------------------------------

    static void checkAll(Manifests m, Map<String, Object> values, Path tmp) throws IOException {
        boolean pgInChart = Boolean.TRUE.equals(Repo.at(values, "postgresql.enabled"));
        boolean relay = "relay".equals(Repo.at(values, "dhcp.mode"));
        String dbType = Repo.at(values, "leaseDatabase.type");

        // Kinds and names.
        for (String c : COMPONENTS) {
            m.one("Deployment", FULL + "-" + c);
            m.one("Service", FULL + "-" + c);
            m.one("PodDisruptionBudget", FULL + "-" + c);
            m.one("NetworkPolicy", FULL + "-" + c);
        }
        m.one("ConfigMap", FULL + "-config");
        m.one("ServiceAccount", FULL);
        assertThat(m.find("StatefulSet", FULL + "-postgresql") != null).as("in-chart PostgreSQL").isEqualTo(pgInChart);
        assertThat(m.find("Service", FULL + "-dhcp") != null).as("relay Service").isEqualTo(relay);
        assertThat(m.find("PersistentVolumeClaim", FULL + "-lease-journal") != null).isEqualTo("memfile".equals(dbType));

        // Ports.
        Map<String, Object> gw = m.one("Service", FULL + "-gateway");
        assertThat(Repo.list(gw, "spec.ports")).extracting(p -> p.get("port")).contains(8000, 8090);
        // DHCPv6 (547/udp) exactly when the Kea configuration has a Dhcp6 section.
        boolean v6 = Repo.at(values, "config.Dhcp6") != null;
        List<Integer> udp = v6 ? List.of(67, 547) : List.of(67);
        if (relay) {
            Map<String, Object> dhcp = m.one("Service", FULL + "-dhcp");
            assertThat(Repo.list(dhcp, "spec.ports")).allSatisfy(p -> assertThat(p).containsEntry("protocol", "UDP"))
                    .extracting(p -> p.get("port")).containsExactlyElementsOf(udp);
            assertThat(Repo.<String>at(dhcp, "spec.type")).isNotEqualTo("NodePort");
            assertThat(Repo.<Object>at(dhcp, "spec.ipFamilyPolicy")).isEqualTo(blankToNull(Repo.at(values, "dhcp.service.ipFamilyPolicy")));
        }
        Map<String, Object> dhcpPod = Repo.at(m.one("Deployment", FULL + "-dhcp-service"), "spec.template.spec");
        List<Map<String, Object>> dhcpPorts = Repo.list(Repo.<List<Map<String, Object>>>at(dhcpPod, "containers").get(0), "ports");
        assertThat(dhcpPorts).filteredOn(p -> "UDP".equals(p.get("protocol"))).extracting(p -> p.get("containerPort"))
                .containsExactlyElementsOf(udp);
        assertThat(dhcpPorts).filteredOn(p -> "UDP".equals(p.get("protocol"))).extracting(p -> p.get("hostPort"))
                .containsOnly(relay ? null : (Object) udp.get(0), relay ? null : (Object) udp.get(udp.size() - 1));
        List<Map<String, Object>> udpRules = Repo.list(m.one("NetworkPolicy", FULL + "-dhcp-service"), "spec.ingress").stream()
                .flatMap(r -> Repo.list(r, "ports").stream()).filter(p -> "UDP".equals(p.get("protocol"))).toList();
        assertThat(udpRules).extracting(p -> p.get("port")).containsExactlyElementsOf(udp);

        // Workloads: probes, resources, security context, every referenced ConfigMap/Secret/PVC.
        Set<String> externalSecrets = new HashSet<>();
        for (String key : List.of("leaseDatabase.existingSecret", "gateway.auth.existingSecret")) {
            String s = Repo.at(values, key);
            if (s != null && !s.isBlank()) {
                externalSecrets.add(s);
            }
        }
        for (Map<String, Object> w : m.all("Deployment", "StatefulSet")) {
            String name = Repo.at(w, "metadata.name");
            Map<String, Object> pod = Repo.at(w, "spec.template.spec");
            boolean suite = !name.endsWith("-postgresql");
            boolean hostNet = Boolean.TRUE.equals(pod.get("hostNetwork"));
            assertThat(hostNet).as(name).isEqualTo(name.endsWith("-dhcp-service") && !relay);
            for (Map<String, Object> c : Repo.list(pod, "containers")) {
                String where = name + "/" + c.get("name");
                assertThat(c).as(where).containsKeys("livenessProbe", "readinessProbe");
                if (suite) {
                    Set<Object> ports = new HashSet<>();
                    Repo.list(c, "ports").forEach(p -> ports.add(p.get("containerPort")));
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(Repo.<String>at(c, probe + ".httpGet.path")).as(where + " " + probe)
                                .isEqualTo(probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness");
                        assertThat(ports).as(where + " " + probe + " port").contains(Repo.<Object>at(c, probe + ".httpGet.port"));
                    }
                    assertThat(Repo.<String>at(c, "image")).as(where).endsWith("/" + c.get("name") + ":" + tagOf(values));
                }
                assertThat(Repo.<Object>at(c, "resources.limits.memory")).as(where + " memory limit").isNotNull();
                assertThat(Repo.<Boolean>at(c, "securityContext.allowPrivilegeEscalation")).as(where).isFalse();
                assertThat(Repo.<Boolean>at(c, "securityContext.readOnlyRootFilesystem")).as(where).isTrue();
                assertThat(Repo.<List<String>>at(c, "securityContext.capabilities.drop")).as(where).containsExactly("ALL");
                List<String> add = Repo.at(c, "securityContext.capabilities.add");
                if (hostNet) {
                    assertThat(add).as(where).containsExactly("NET_BIND_SERVICE");
                } else {
                    assertThat(add).as(where + " adds no capability").isNull();
                }
                Set<String> volumes = new HashSet<>();
                Repo.list(pod, "volumes").forEach(v -> volumes.add((String) v.get("name")));
                Repo.list(w, "spec.volumeClaimTemplates").forEach(v -> volumes.add(Repo.at(v, "metadata.name")));
                assertThat(Repo.list(c, "volumeMounts")).as(where).allSatisfy(vm -> assertThat(volumes).contains((String) vm.get("name")));
                for (Map<String, Object> e : Repo.list(c, "env")) {
                    String sk = Repo.at(e, "valueFrom.secretKeyRef.name");
                    if (sk != null) {
                        m.secretKey(sk, Repo.at(e, "valueFrom.secretKeyRef.key"), externalSecrets);
                    }
                    String ck = Repo.at(e, "valueFrom.configMapKeyRef.name");
                    if (ck != null) {
                        m.one("ConfigMap", ck);
                    }
                }
            }
            Object runAsNonRoot = Repo.at(pod, "securityContext.runAsNonRoot");
            assertThat(runAsNonRoot).as(name + " runAsNonRoot").isEqualTo(!hostNet);
            if (name.endsWith("-dhcp-service") && relay) {
                assertThat(Repo.list(pod, "securityContext.sysctls"))
                        .containsExactly(Map.of("name", "net.ipv4.ip_unprivileged_port_start", "value", "67"));
            }
            for (Map<String, Object> v : Repo.list(pod, "volumes")) {
                String cm = Repo.at(v, "configMap.name");
                if (cm != null) {
                    m.one("ConfigMap", cm);
                }
                String secret = Repo.at(v, "secret.secretName");
                if (secret != null) {
                    for (Map<String, Object> item : Repo.list(v, "secret.items")) {
                        m.secretKey(secret, (String) item.get("key"), externalSecrets);
                    }
                }
                String claim = Repo.at(v, "persistentVolumeClaim.claimName");
                if (claim != null) {
                    m.one("PersistentVolumeClaim", claim);
                }
            }
        }

        // Services and NetworkPolicies select existing pods; Service target ports are named ports of those pods.
        for (Map<String, Object> s : m.all("Service")) {
            Map<String, Object> sel = Repo.at(s, "spec.selector");
            Map<String, Object> w = m.workloadSelectedBy(sel);
            assertThat(w).as("pods of Service %s", Repo.<String>at(s, "metadata.name")).isNotNull();
            Set<Object> named = new HashSet<>();
            for (Map<String, Object> c : Repo.list(w, "spec.template.spec.containers")) {
                Repo.list(c, "ports").forEach(p -> named.add(p.get("name")));
            }
            assertThat(Repo.list(s, "spec.ports")).allSatisfy(p -> assertThat(named).contains(p.get("targetPort")));
        }
        for (Map<String, Object> np : m.all("NetworkPolicy")) {
            assertThat(m.workloadSelectedBy(Repo.at(np, "spec.podSelector.matchLabels"))).isNotNull();
        }

        // The Kea-format ConfigMap: the suite's own parser accepts it; the chart wrote lease-database; no password.
        String json = Repo.at(m.one("ConfigMap", FULL + "-config"), "data.[kea-dhcp4.json]");
        assertThat(json).as("no secret in the ConfigMap").doesNotContainPattern("\"password\"\\s*:");
        Path file = tmp.resolve("kea-dhcp4.json");
        Files.writeString(file, json);
        SuiteConfig kea = Repo.kea(file);
        assertThat(kea.dhcp4().leaseDatabase().type()).isEqualTo(dbType);
        if ("postgresql".equals(dbType)) {
            String host = pgInChart ? FULL + "-postgresql" : Repo.at(values, "leaseDatabase.host");
            assertThat(kea.dhcp4().leaseDatabase().host()).isEqualTo(host);
        }
        // DHCPv6 leases in the same store as the DHCPv4 ones (lease-service then shares one connection pool).
        assertThat(kea.raw().has("Dhcp6")).isEqualTo(v6);
        if (v6) {
            assertThat(kea.dhcp6().leaseDatabase()).isEqualTo(kea.dhcp4().leaseDatabase());
            assertThat(kea.dhcp6().subnets()).isNotEmpty();
        }
    }

    static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String tagOf(Map<String, Object> values) {
        String tag = Repo.at(values, "image.tag");
        return tag == null || tag.isBlank() ? Repo.<String>at(Repo.yamlFile(CHART.resolve("Chart.yaml")), "appVersion") : tag;
    }

    static Setter set(String key, Object value) {
        return new Setter(key, value);
    }

    /** A --set that composes with andThen into another one. */
    record Setter(String key, Object value) implements UnaryOperator<TemplateCommand> {
        @Override
        public TemplateCommand apply(TemplateCommand t) {
            return t.set(key, value);
        }

        UnaryOperator<TemplateCommand> then(UnaryOperator<TemplateCommand> next) {
            return t -> next.apply(apply(t));
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The rendered documents, looked up by kind and name. */
    record Manifests(List<Map<String, Object>> docs) {
        Manifests {
            docs = new ArrayList<>(docs);
        }

        Map<String, Object> find(String kind, String name) {
            return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(Repo.at(d, "metadata.name")))
                    .findFirst().orElse(null);
        }

        Map<String, Object> one(String kind, String name) {
            Map<String, Object> d = find(kind, name);
            assertThat(d).as("%s %s is rendered (have %s)", kind, name, summary()).isNotNull();
            return d;
        }

        List<Map<String, Object>> all(String... kinds) {
            return docs.stream().filter(d -> List.of(kinds).contains(d.get("kind"))).toList();
        }

        void secretKey(String secret, String key, Set<String> external) {
            if (external.contains(secret)) {
                return;
            }
            Map<String, Object> s = one("Secret", secret);
            assertThat(Repo.<Map<String, Object>>at(s, "data")).as("Secret %s", secret).containsKey(key);
        }

        Map<String, Object> workloadSelectedBy(Map<String, Object> selector) {
            for (Map<String, Object> w : all("Deployment", "StatefulSet")) {
                Map<String, Object> labels = Repo.at(w, "spec.template.metadata.labels");
                if (selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet())) {
                    return w;
                }
            }
            return null;
        }

        List<String> summary() {
            List<String> out = new ArrayList<>();
            docs.forEach(d -> out.add(d.get("kind") + " " + Repo.at(d, "metadata.name")));
            return out;
        }
    }
}
