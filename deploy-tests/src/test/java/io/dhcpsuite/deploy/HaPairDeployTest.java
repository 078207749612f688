package io.dhcpsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaMode;
import io.dhcpsuite.config.ha.HaRelationship;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HA pair deployments: each server of a hot-standby pair is a whole suite with its own lease
 * store, and its peer url must reach its own ha-service's listener (Kea's rule: the url's host is
 * an IP literal, and the listener binds it). Checked on what docker-compose and helm produce.
 */
class HaPairDeployTest {
    static final Path ROOT = Repo.root();

    static HaRelationship relationship(SuiteConfig config) {
        return HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries").relationships().getFirst();
    }

    // ---- docker-compose.ha-pair.yml ----

    /** The override merged onto docker-compose.yml the way docker-compose does it. */
    static Map<String, Object> mergedCompose() {
        Repo.Run r = Repo.run(ROOT, List.of("docker-compose", "-f", "docker-compose.yml", "-f", "docker-compose.ha-pair.yml", "config"));
        assertThat(r.exit()).as(r.output()).isZero();
        return Repo.yaml().load(r.output());
    }

    @Test
    void composePairRunsTwoSuitesEachWithItsOwnLeaseStoreAndListenerAddress() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Repo.onPath("docker-compose"),
                "docker-compose is not installed (apt-get install docker-compose; .ci/run does)");
        Map<String, Object> c = mergedCompose();
        Map<String, Object> services = Repo.at(c, "services");
        String subnet = Repo.<String>at(Repo.list(c, "networks.default.ipam.config").getFirst(), "subnet");
        for (int n = 1; n <= 2; n++) {
            String sfx = n == 1 ? "" : "-2";
            String file = "deploy/compose/ha-pair-server" + n + ".json";
            // every service of server n reads server n's file
            for (String s : ComposeAndImageTest.SUITE) {
                List<String> volumes = Repo.at(services, s + sfx + ".volumes");
                assertThat(volumes).as(s + sfx).anyMatch(v -> v.startsWith(ROOT.resolve(file) + ":/etc/dhcp-suite/kea-dhcp4.json"));
                assertThat(Repo.<Boolean>at(services, s + sfx + ".read_only")).as(s + sfx).isTrue();
                assertThat(Repo.<List<String>>at(services, s + sfx + ".cap_drop")).as(s + sfx).containsExactly("ALL");
            }
            SuiteConfig kea = Repo.kea(ROOT.resolve(file));
            HaRelationship ha = relationship(kea);
            assertThat(ha.thisServerName()).isEqualTo("server" + n);
            assertThat(ha.mode()).isEqualTo(HaMode.HOT_STANDBY);
            // two lease stores: server n's lease-service uses the database its own depends_on names
            assertThat(kea.dhcp4().leaseDatabase().host()).isEqualTo("postgres" + sfx);
            assertThat(Repo.<Map<String, Object>>at(services, "lease-service" + sfx + ".depends_on")).containsOnlyKeys("postgres" + sfx);
            assertThat(services).containsKey("postgres" + sfx);
            // the listener binds the peer url's host: the fixed address of this server's ha-service
            URI url = ha.thisServer().url();
            assertThat(Repo.<String>at(services, "ha-service" + sfx + ".networks.default.ipv4_address")).isEqualTo(url.getHost());
            assertThat(inSubnet(url.getHost(), subnet)).as(url + " in " + subnet).isTrue();
            // ha-service drives its own server's dhcp-service and lease-service
            assertThat(Repo.<List<String>>at(services, "ha-service" + sfx + ".command")).containsExactlyInAnyOrder(
                    "--suite.ha.dhcp-service-url=http://dhcp-service" + sfx + ":8081",
                    "--suite.ha.lease-service-url=http://lease-service" + sfx + ":8082");
            assertThat(Repo.<List<String>>at(services, "dhcp-service" + sfx + ".command"))
                    .containsExactly("--suite.lease-service-url=http://lease-service" + sfx + ":8082");
            List<String> gw = Repo.at(services, "gateway" + sfx + ".command");
            for (String s : List.of("dhcp", "lease", "ha", "ddns")) {
                assertThat(gw).anyMatch(a -> a.startsWith("--suite.services." + s + "-url=http://" + s + "-service" + sfx + ":"));
            }
        }
        // both files describe the same pair
        HaRelationship one = relationship(Repo.kea(ROOT.resolve("deploy/compose/ha-pair-server1.json")));
        HaRelationship two = relationship(Repo.kea(ROOT.resolve("deploy/compose/ha-pair-server2.json")));
        assertThat(one.peers()).isEqualTo(two.peers());
        // server2's DHCP (67) and DHCPv6 (547) on ports of their own, once each in the merged file
        assertThat(Repo.<List<Map<String, Object>>>at(services, "dhcp-service-2.ports"))
                .extracting(p -> p.get("published").toString(), p -> p.get("target").toString(), p -> p.get("protocol"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10067", "67", "udp"),
                        org.assertj.core.groups.Tuple.tuple("10547", "547", "udp"));
    }

    static boolean inSubnet(String address, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
    }

    static long ipv4(String s) {
        long v = 0;
        for (String b : s.split("\\.")) {
            v = (v << 8) | Integer.parseInt(b);
        }
        return v;
    }

    // ---- helm values-ha-pair-server{1,2}.yaml ----

    @ParameterizedTest(name = "helm template, values-ha-pair-server{0}.yaml")
    @ValueSource(ints = {1, 2})
    void helmPairMemberListensBehindAServiceAtItsPeerUrl(int n, @TempDir Path tmp) throws Exception {
        Path values = ROOT.resolve("deploy/helm/values-ha-pair-server" + n + ".yaml");
        HelmChartTest.Manifests m = new HelmChartTest.Manifests(Repo.documents(
                HelmChartTest.template().withNamespace("dhcp").withValuesFile(values).call()));
        String full = HelmChartTest.FULL;
        String json = Repo.at(m.one("ConfigMap", full + "-config"), "data.[kea-dhcp4.json]");
        Path file = Files.writeString(tmp.resolve("kea-dhcp4.json"), json);
        HaRelationship ha = relationship(Repo.kea(file));
        assertThat(ha.thisServerName()).isEqualTo("server" + n);
        URI url = ha.thisServer().url();

        Map<String, Object> svc = m.one("Service", full + "-ha-listener");
        assertThat(Repo.<String>at(svc, "spec.clusterIP")).as("the Service owns the peer url's address").isEqualTo(url.getHost());
        assertThat(Repo.list(svc, "spec.ports")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("port", url.getPort()).containsEntry("targetPort", "ha-listener"));
        assertThat(Repo.<Map<String, Object>>at(svc, "spec.selector")).containsEntry("app.kubernetes.io/component", "ha-service");

        Map<String, Object> container = Repo.list(m.one("Deployment", full + "-ha-service"), "spec.template.spec.containers").getFirst();
        assertThat(Repo.list(container, "ports")).anySatisfy(p -> assertThat(p)
                .containsEntry("name", "ha-listener").containsEntry("containerPort", url.getPort()));
        assertThat(Repo.<List<String>>at(container, "args")).contains(
                "--suite.ha.listener-address=0.0.0.0",
                "--suite.ha.dhcp-service-url=http://" + full + "-dhcp-service:8081",
                "--suite.ha.lease-service-url=http://" + full + "-lease-service:8082");

        // the partner may reach the listener; ha-service may call its own dhcp- and lease-service
        Map<String, Object> np = m.one("NetworkPolicy", full + "-ha-service");
        assertThat(Repo.list(np, "spec.ingress")).anySatisfy(rule -> {
            assertThat(Repo.list(rule, "ports")).anyMatch(p -> Integer.valueOf(url.getPort()).equals(p.get("port")));
            assertThat(Repo.list(rule, "from")).anyMatch(f -> ("server" + (3 - n)).equals(
                    Repo.at(f, "podSelector.matchLabels.[app.kubernetes.io/instance]")));
        });
        for (String callee : List.of("dhcp-service", "lease-service")) {
            assertThat(Repo.list(m.one("NetworkPolicy", full + "-" + callee), "spec.ingress")).as(callee)
                    .anyMatch(rule -> Repo.list(rule, "from").stream().anyMatch(f -> "ha-service".equals(
                            Repo.at(f, "podSelector.matchLabels.[app.kubernetes.io/component]"))));
        }
        // its own lease store
        m.one("PersistentVolumeClaim", full + "-lease-journal");
        assertThat(m.find("StatefulSet", full + "-postgresql")).isNull();
    }

    @Test
    void helmPairMembersDescribeTheSamePair() {
        List<Object> peers = new java.util.ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            Map<String, Object> values = Repo.yamlFile(ROOT.resolve("deploy/helm/values-ha-pair-server" + n + ".yaml"));
            Map<String, Object> ha = Repo.list(Repo.list(values, "config.Dhcp4.hooks-libraries").get(1),
                    "parameters.high-availability").getFirst();
            assertThat(Repo.<String>at(ha, "this-server-name")).isEqualTo("server" + n);
            peers.add(ha.get("peers"));
        }
        assertThat(peers.get(0)).as("the same peers in both members").isEqualTo(peers.get(1));
    }

    @Test
    void helmRefusesAListenerWithoutItsAddressOrWithSeveralDhcpServices() {
        assertThatThrownBy(() -> HelmChartTest.template().set("haService.haListener.enabled", true).call())
                .hasMessageContaining("needs haService.haListener.clusterIP");
        assertThatThrownBy(() -> HelmChartTest.template().set("haService.haListener.enabled", true)
                .set("haService.haListener.clusterIP", "10.96.200.11").set("dhcp.replicas", 2).call())
                .hasMessageContaining("needs dhcp.replicas=1");
    }
}
