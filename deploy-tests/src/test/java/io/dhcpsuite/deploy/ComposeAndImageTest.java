package io.dhcpsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker-compose config -q on every compose file (Debian's docker-compose; no engine needed), and
 * checks of the compose files, the Dockerfile and its scripts that need no engine either.
 */
class ComposeAndImageTest {
    static final Path ROOT = Repo.root();
    static final List<String> SUITE = List.of("dhcp-service", "lease-service", "ha-service", "ddns-service", "gateway");

    /** Each run of docker-compose: the base file, then each override on top of it. */
    static Stream<List<String>> composeRuns() throws IOException {
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of("docker-compose.yml"));
        for (Path p : composeFiles()) {
            String f = p.getFileName().toString();
            if (!f.equals("docker-compose.yml")) {
                runs.add(List.of("docker-compose.yml", f));
            }
        }
        return runs.stream();
    }

    static List<Path> composeFiles() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(p -> p.getFileName().toString().matches("docker-compose.*\\.ya?ml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "docker-compose config -q {0}")
    @MethodSource("composeRuns")
    void composeConfigIsValid(List<String> files) {
        assumeTrue(Repo.onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose; .ci/run does)");
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "monitoring"))) {
            List<String> cmd = new ArrayList<>(List.of("docker-compose"));
            files.forEach(f -> cmd.addAll(List.of("-f", f)));
            cmd.addAll(profile);
            cmd.addAll(List.of("config", "-q"));
            Repo.Run r = Repo.run(ROOT, cmd);
            assertThat(r.exit()).as("%s:%n%s", String.join(" ", cmd), r.output()).isZero();
        }
    }

    @Test
    void composeFollowsTheDeploymentRules() {
        Map<String, Object> c = Repo.yamlFile(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = Repo.at(c, "services");
        assertThat(services).containsKeys("postgres", "dhcp-service", "lease-service", "ha-service", "ddns-service", "gateway");
        // PostgreSQL: not published, password from a secret file, data on a named volume.
        assertThat(Repo.<Object>at(c, "services.postgres.ports")).isNull();
        assertThat(Repo.<String>at(c, "services.postgres.environment.POSTGRES_PASSWORD_FILE")).startsWith("/run/secrets/");
        assertThat(Repo.<Map<String, Object>>at(c, "volumes")).containsKey("pgdata");
        String secretFile = Repo.at(c, "secrets.db_password.file");
        assertThat(secretFile).startsWith("./deploy/compose/secrets/");
        assertThat(ROOT.resolve("deploy/compose/secrets/.gitignore")).exists();
        for (String s : SUITE) {
            Map<String, Object> svc = Repo.at(services, s);
            assertThat(svc).as(s).containsKey("mem_limit");
            assertThat(Repo.<Object>at(svc, "read_only")).as(s + " read_only").isEqualTo(true);
            assertThat(Repo.<List<String>>at(svc, "cap_drop")).as(s).containsExactly("ALL");
            assertThat(Repo.<String>at(svc, "build.args.SERVICE")).as(s).isEqualTo(s);
            assertThat(ROOT.resolve(s).resolve("pom.xml")).exists();
            Map<String, Object> deps = Repo.at(svc, "depends_on");
            if (deps != null) {
                deps.forEach((dep, cond) -> assertThat(Repo.<String>at(cond, "condition")).as(s + " -> " + dep).isEqualTo("service_healthy"));
            }
        }
        assertThat(Repo.<List<String>>at(c, "services.dhcp-service.ports")).containsExactly("67:67/udp", "547:547/udp");
        // IPv4-only by default: enabling IPv6 on the network is the user's choice (docs/deploy.md).
        assertThat(Repo.<Object>at(c, "networks")).isNull();
        assertThat(Repo.<List<String>>at(c, "services.gateway.ports")).singleElement().asString().endsWith(":8000:8000");
        assertThat(Repo.<Map<String, Object>>at(c, "services.gateway.depends_on")).containsKeys("dhcp-service", "lease-service");
        assertThat(Repo.<Map<String, Object>>at(c, "services.lease-service.depends_on")).containsKey("postgres");
    }

    @Test
    void mountedKeaConfigurationsLoadWithTheSuitesParser() throws IOException {
        Pattern mount = Pattern.compile("^\\./(deploy/compose/[^:]+\\.json):/etc/dhcp-suite/kea-dhcp4\\.json");
        List<String> files = new ArrayList<>();
        for (Path compose : composeFiles()) {
            Matcher m = mount.matcher("");
            for (String line : Files.readAllLines(compose)) {
                m.reset(line.trim().replaceFirst("^- ", ""));
                if (m.find()) {
                    files.add(m.group(1));
                }
            }
        }
        assertThat(files).contains("deploy/compose/kea-dhcp4.json", "deploy/compose/kea-dhcp4-hostnet.json");
        for (String f : files) {
            var cfg = Repo.kea(ROOT.resolve(f)).dhcp4();
            assertThat(cfg.leaseDatabase().isPostgresql()).as(f).isTrue();
            assertThat(cfg.leaseDatabase().password()).as(f + ": no password in git").isNull();
            assertThat(cfg.leaseDatabase().user()).as(f).isEqualTo("dhcp");
        }
    }

    @Test
    void dockerfileBuildsANonRootImageWithAHealthCheck() {
        String d = Repo.read(ROOT.resolve("Dockerfile"));
        assertThat(d).contains("ARG SERVICE", "eclipse-temurin:25-jre", "USER 10001:10001", "HEALTHCHECK", "ENTRYPOINT [\"entrypoint.sh\"]",
                "COPY deploy/docker/entrypoint.sh deploy/docker/healthcheck.sh");
        String ignore = Repo.read(ROOT.resolve(".dockerignore"));
        assertThat(ignore).contains("**/target", ".git").doesNotContain("\ndeploy/docker");
    }

    /**
     * DHCPv6 is deployable as DHCPv4 is: the image documents 547/udp, the entrypoint passes its port
     * as dhcpctl does (same default), and both servers of the compose pair publish it.
     */
    @Test
    void dhcpv6PortIsPassedExposedAndPublished() {
        String entry = Repo.read(ROOT.resolve("deploy/docker/entrypoint.sh"));
        assertThat(entry).contains("--suite.dhcp6-port=\"${SUITE_DHCP6_PORT:-547}\"");
        assertThat(Repo.read(ROOT.resolve("dhcpctl"))).contains("DHCP6_PORT=${DHCPCTL_DHCP6_PORT:-547}", "--suite.dhcp6-port=");
        Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(Repo.read(ROOT.resolve("Dockerfile")));
        assertThat(expose.find()).isTrue();
        assertThat(expose.group(1).split(" ")).contains("67/udp", "547/udp");
        Map<String, Object> pair = Repo.yamlFile(ROOT.resolve("docker-compose.ha-pair.yml"));
        assertThat(Repo.<List<String>>at(pair, "services.dhcp-service-2.ports")).containsExactly("10067:67/udp", "10547:547/udp");
        Map<String, Object> hostnet = Repo.yamlFile(ROOT.resolve("docker-compose.hostnet.yml"));
        assertThat(Repo.<List<String>>at(hostnet, "services.dhcp-service.cap_add")).containsExactly("NET_BIND_SERVICE");
    }

    @Test
    void scriptsAreValidBashAndExecutable() {
        for (String s : List.of("deploy/docker/entrypoint.sh", "deploy/docker/healthcheck.sh")) {
            Path p = ROOT.resolve(s);
            assertThat(Files.isExecutable(p)).as(s).isTrue();
            Repo.Run r = Repo.run(ROOT, List.of("bash", "-n", s));
            assertThat(r.exit()).as("bash -n %s: %s", s, r.output()).isZero();
        }
    }

    /** The image starts each service with the JVM flags dhcpctl uses (chosen by measurement). */
    @Test
    void entrypointUsesDhcpctlsJvmFlags() {
        Map<String, String> ctl = flagsByService(Repo.read(ROOT.resolve("dhcpctl")));
        Map<String, String> img = flagsByService(Repo.read(ROOT.resolve("deploy/docker/entrypoint.sh")));
        for (String svc : List.of("dhcp-service", "lease-service", "gateway", "ha-service", "ddns-service")) {
            assertThat(ctl).as("jvm_opts_of in dhcpctl names flags for %s", svc).containsKey(svc);
            assertThat(img.get(svc)).as("default_opts in entrypoint.sh for %s", svc).isEqualTo(ctl.get(svc));
        }
    }

    /**
     * The flags of each case arm ({@code a|b) echo "..." ;;} or {@code default_opts="..."}) by
     * service name; a {@code *)} arm stands for every service no other arm names.
     */
    private static Map<String, String> flagsByService(String script) {
        Pattern arm = Pattern.compile("(?m)^\\s*([a-z*|-]+)\\)\\s*\\n\\s*(?:echo|default_opts=)\\s*\"(-[^\"]+)\"");
        Map<String, String> out = new java.util.HashMap<>();
        String other = null;
        Matcher m = arm.matcher(script);
        while (m.find()) {
            for (String name : m.group(1).split("\\|")) {
                if (name.equals("*")) {
                    other = m.group(2);
                } else {
                    out.putIfAbsent(name, m.group(2));
                }
            }
        }
        if (other != null) {
            for (String svc : List.of("dhcp-service", "lease-service", "gateway", "ha-service", "ddns-service")) {
                out.putIfAbsent(svc, other);
            }
        }
        return out;
    }

    /** The health port the image probes is the one dhcpctl probes (the gateway's management port). */
    @Test
    void healthcheckProbesTheSamePortsAsDhcpctl() {
        String hc = Repo.read(ROOT.resolve("deploy/docker/healthcheck.sh"));
        assertThat(hc).contains("gateway) port=8090", "dhcp-service) port=8081", "lease-service) port=8082",
                "ha-service) port=8083", "ddns-service) port=8084", "/actuator/health/readiness");
        assertThat(Repo.read(ROOT.resolve("dhcpctl"))).contains("--management.server.port=8090");
    }
}
