package io.dhcpsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard parses, and every metric it queries is one the services register: the names
 * are derived from the Micrometer builders in the services' sources, as the Prometheus registry
 * renders them (dots to underscores; counters get _total, timers _seconds_count/_sum/_max,
 * distribution summaries _count/_sum/_max).
 */
class DashboardTest {
    static final Path ROOT = Repo.root();
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dhcp-suite-dashboard.json");
    static final List<String> MODULES = List.of("dhcp-service", "lease-service", "ha-service", "ddns-service", "gateway");
    /** Series Prometheus itself adds to every scrape target. */
    static final Set<String> PROMETHEUS = Set.of("up");
    static final Set<String> PROMQL_WORDS = Set.of("sum", "rate", "irate", "increase", "avg", "min", "max", "count", "by",
            "without", "on", "ignoring", "group_left", "group_right", "histogram_quantile", "clamp_min", "clamp_max",
            "and", "or", "unless", "offset", "topk", "bottomk", "abs", "time", "vector", "scalar", "label_values");
    static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|FunctionCounter|Gauge|Timer|DistributionSummary|FunctionTimer|TimeGauge)\\.builder\\(\\s*\"([^\"]+)\"\\s*(\\+)?");
    static final Pattern KEBAB_LITERAL = Pattern.compile("\"([a-z0-9]+(?:-[a-z0-9]+)*)\"");

    @Test
    void dashboardParsesAndUsesOnlyRegisteredMetrics() throws IOException {
        ObjectMapper json = JsonMapper.builder().build();
        JsonNode d = json.readTree(Files.readString(DASHBOARD));
        assertThat(d.path("uid").asString()).isEqualTo("dhcp-suite");
        List<String> exprs = new ArrayList<>();
        collect(d, "expr", exprs);
        assertThat(exprs).isNotEmpty();
        Set<String> used = new TreeSet<>();
        exprs.forEach(e -> used.addAll(metricNames(e)));
        Set<String> registered = registeredNames();
        assertThat(registered).as("names derived from the sources").contains("kea_pkt4_received_total",
                "kea_subnet_assigned_addresses", "lease_commit_write_seconds_count",
                "kea_pkt6_received_total", "kea_pkt6_reply_sent_total", "kea_dhcp6_subnet_assigned_nas", "kea_dhcp6_subnet_total_pds");
        // The DHCPv6 row: packet counters from dhcp-service, lease gauges from lease-service.
        assertThat(used).contains("kea_pkt6_solicit_received_total", "kea_pkt6_advertise_sent_total", "kea_pkt6_receive_drop_total",
                "kea_dhcp6_subnet_assigned_nas", "kea_dhcp6_subnet_total_nas", "kea_dhcp6_subnet_assigned_pds",
                "kea_dhcp6_subnet_total_pds", "kea_dhcp6_reclaimed_leases");
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(registered);
        unknown.removeAll(PROMETHEUS);
        assertThat(unknown).as("metrics in the dashboard that no service registers (used: %s)", used).isEmpty();
        // The panels the deployment issue asks for.
        List<String> titles = new ArrayList<>();
        collect(d, "title", titles);
        assertThat(String.join("|", titles)).contains("Drops", "Pool utilisation per subnet", "Backend write time", "HA state");
        assertThat(titles).contains("DHCPv6 received by type", "DHCPv6 address utilisation per subnet", "DHCPv6 prefix utilisation per subnet");
        // No two panels share a grid cell (a row inserted without moving the ones below would).
        Set<String> cells = new TreeSet<>();
        for (JsonNode panel : d.path("panels")) {
            JsonNode g = panel.path("gridPos");
            for (int y = g.path("y").asInt(); y < g.path("y").asInt() + g.path("h").asInt(); y++) {
                for (int x = g.path("x").asInt(); x < g.path("x").asInt() + g.path("w").asInt(); x++) {
                    assertThat(cells.add(x + "," + y)).as("panel '%s' overlaps another at x=%d y=%d", panel.path("title").asString(), x, y).isTrue();
                }
            }
        }
        // One datasource variable, never a hard-wired datasource uid.
        List<String> uids = new ArrayList<>();
        collect(d, "uid", uids);
        assertThat(uids.subList(1, uids.size())).allMatch("${datasource}"::equals);
    }

    static void collect(JsonNode n, String field, List<String> out) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                if (e.getKey().equals(field) && e.getValue().isString()) {
                    out.add(e.getValue().asString());
                } else {
                    collect(e.getValue(), field, out);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, field, out));
        }
    }

    /** Identifiers of a PromQL expression that are metric names (not functions, labels or durations). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\"[^\"]*\"", " ").replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /**
     * Meter names from the builders in each service's main sources. A builder whose name is a prefix
     * plus an expression ({@code "kea." + name.replace('-', '.')}) gets every Kea-style statistic
     * name written as a string literal in the same module.
     */
    static Set<String> registeredNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            Path src = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            List<String> sources = new ArrayList<>();
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.add(Files.readString(p));
                }
            }
            Set<String> literals = new TreeSet<>();
            for (String text : sources) {
                Matcher k = KEBAB_LITERAL.matcher(text);
                while (k.find()) {
                    literals.add(k.group(1));
                }
            }
            for (String text : sources) {
                Matcher b = BUILDER.matcher(text);
                while (b.find()) {
                    String type = b.group(1);
                    List<String> bases = new ArrayList<>();
                    if (b.group(3) == null) {
                        bases.add(b.group(2));
                    } else {
                        literals.forEach(l -> bases.add(b.group(2) + l.replace('-', '.')));
                    }
                    for (String base : bases) {
                        String p = base.replace('.', '_').replace('-', '_');
                        switch (type) {
                            case "Counter", "FunctionCounter" -> names.add(p + "_total");
                            case "Gauge", "TimeGauge" -> names.add(p);
                            case "Timer", "FunctionTimer" -> names.addAll(List.of(p + "_seconds_count", p + "_seconds_sum", p + "_seconds_max"));
                            case "DistributionSummary" -> names.addAll(List.of(p + "_count", p + "_sum", p + "_max"));
                            default -> throw new AssertionError(type);
                        }
                    }
                }
            }
        }
        return names;
    }
}
