package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpsuite.config.KeaExamples.KeaVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every example file Kea ships (package kea-doc: {@code examples/kea4}, {@code kea6},
 * {@code ddns}, {@code agent}) goes through Kea's own {@code -t} and through the suite's check
 * ({@link ConfigCheck}, what {@code ./dhcpctl test} runs): whatever Kea accepts, the suite must
 * accept, except the files in {@link #EXCEPTIONS} (listed with their reasons in
 * docs/configuration.md). Then mutations of a few of them, which both must refuse, the suite
 * naming the path.
 */
class KeaExamplesCorpusTest {

    /** Example files the suite refuses although Kea accepts them, and why. Keep docs/configuration.md in step. */
    static final Map<String, String> EXCEPTIONS = Map.of();

    @TempDir
    static Path work;

    @BeforeAll
    static void needsKeaDoc() {
        assumeTrue(KeaExamples.installed(), "kea-doc is not installed (apt-get install kea-doc): Kea's example"
                + " files under " + KeaExamples.EXAMPLES + " are missing, so the corpus test cannot run");
    }

    @Test
    void everyExampleKeaAcceptsTheSuiteAcceptsToo() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> keaAccepted = new ArrayList<>();
        List<String> keaRefused = new ArrayList<>();
        for (Map.Entry<String, String> dir : KeaExamples.TOOLS.entrySet()) {
            for (Path original : KeaExamples.files(dir.getKey())) {
                String name = dir.getKey() + "/" + original.getFileName();
                Path adapted = KeaExamples.adapt(original, work);
                KeaVerdict kea = KeaExamples.keaCheck(dir.getValue(), adapted, work);
                if (!kea.accepted()) {
                    keaRefused.add(name + ": " + KeaExamples.keaError(kea.output()));
                    continue;
                }
                keaAccepted.add(name);
                // kea4, kea6 and ddns files are checked as shipped too: the suite needs neither the
                // hook files nor the interfaces; agent files name credential files that must exist
                List<Path> forSuite = dir.getKey().equals("agent") ? List.of(adapted) : List.of(adapted, original);
                for (Path f : forSuite) {
                    try {
                        ConfigCheck.check(f);
                        if (EXCEPTIONS.containsKey(name)) {
                            failures.add(name + " is listed as an exception but the suite accepts it now");
                        }
                    } catch (ConfigException e) {
                        if (!EXCEPTIONS.containsKey(name)) {
                            failures.add(name + " (" + f + "): Kea accepts it, the suite refuses: " + e.getMessage());
                        }
                    }
                }
            }
        }
        System.out.println("Kea accepts " + keaAccepted.size() + " example files: " + keaAccepted);
        System.out.println("Kea refuses " + keaRefused.size() + " even on this machine:\n  " + String.join("\n  ", keaRefused));
        assertThat(failures).as("examples Kea accepts and the suite refuses").isEmpty();
        // the adaptation must leave Kea nearly the whole corpus, or this test proves little
        assertThat(keaAccepted).hasSizeGreaterThanOrEqualTo(55);
        assertThat(keaAccepted.stream().filter(n -> n.startsWith("kea6/"))).hasSizeGreaterThanOrEqualTo(25);
    }

    // ------------------------------------------------------------------ mutations: both refuse

    @Test
    void aMisspeltKeyIsRefusedByBoth() throws Exception {
        bothRefuse("kea4", "several-subnets.json",
                r -> dhcp4(r).set("valid-lifetme", dhcp4(r).remove("valid-lifetime")),
                "Dhcp4/valid-lifetme: unknown parameter (did you mean 'valid-lifetime'?)");
        bothRefuse("kea4", "reservations.json",
                r -> subnet(r, 0).set("reservation", subnet(r, 0).remove("reservations")),
                "Dhcp4/subnet4[0]/reservation: unknown parameter");
        bothRefuse("ddns", "template.json",
                r -> ((ObjectNode) r.get("DhcpDdns")).put("dns-server-timout", 100),
                "DhcpDdns/dns-server-timout: unknown parameter");
        bothRefuse("agent", "https.json",
                r -> ((ObjectNode) r.get("Control-agent")).put("http-hots", "127.0.0.1"),
                "Control-agent/http-hots: unknown parameter");
    }

    @Test
    void aWrongTypeIsRefusedByBoth() throws Exception {
        bothRefuse("kea4", "several-subnets.json",
                r -> subnet(r, 1).put("renew-timer", "900"),
                "Dhcp4/subnet4[1]/renew-timer: expected integer, got string");
        bothRefuse("kea4", "single-subnet.json",
                r -> dhcp4(r).put("valid-lifetime", true),
                "Dhcp4/valid-lifetime: expected integer, got boolean");
        bothRefuse("ddns", "template.json",
                r -> ((ObjectNode) r.get("DhcpDdns")).put("port", "53001"),
                "DhcpDdns/port: expected integer, got string");
        bothRefuse("agent", "https.json",
                r -> ((ObjectNode) r.get("Control-agent")).put("http-port", "8000"),
                "Control-agent/http-port: expected integer, got string");
    }

    @Test
    void anOverlappingPoolIsRefusedByBoth() throws Exception {
        bothRefuse("kea4", "several-subnets.json",
                r -> ((ArrayNode) subnet(r, 0).get("pools")).addObject().put("pool", "192.0.2.150 - 192.0.2.250"),
                "Dhcp4/subnet4[0]/pools[1]/pool: pool 192.0.2.150 - 192.0.2.250 overlaps with Dhcp4/subnet4[0]/pools[0]");
        bothRefuse("kea4", "single-subnet.json",
                r -> ((ArrayNode) subnet(r, 0).get("pools")).addObject().put("pool", "192.0.2.0/25"),
                "Dhcp4/subnet4[0]/pools[1]/pool: pool 192.0.2.0 - 192.0.2.127 overlaps with Dhcp4/subnet4[0]/pools[0]");
    }

    private static ObjectNode dhcp4(ObjectNode root) {
        return (ObjectNode) root.get("Dhcp4");
    }

    private static ObjectNode subnet(ObjectNode root, int i) {
        return (ObjectNode) dhcp4(root).get("subnet4").get(i);
    }

    private static void bothRefuse(String dir, String file, Consumer<ObjectNode> mutation, String message)
            throws Exception {
        KeaExamples.bothRefuse(work, dir, file, mutation, message);
    }
}
