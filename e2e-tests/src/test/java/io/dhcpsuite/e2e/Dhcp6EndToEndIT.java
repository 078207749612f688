package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file with Dhcp4 and Dhcp6, started with {@code ./dhcpctl start --config FILE}: perfdhcp -6
 * on lo (a client at [::1]:546 unicasting to the server's "lo/::1" socket on 547) completes
 * SOLICIT/ADVERTISE/REQUEST/REPLY with addresses, then with addresses and prefixes
 * ({@code -e address-and-prefix}); the leases are in lease-service's memfile; DHCPv4 is served
 * at the same time; the server DUID survives a restart of dhcp-service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp6EndToEndIT {
    @TempDir
    static Path dir;
    static Suite suite;

    static Path config(Path dir) throws Exception {
        String text = """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                                   "pools": [ { "pool": "198.18.0.10 - 198.19.255.250" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1" ] } } ]
                  },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "data-directory": "%s",
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "renew-timer": 1000, "rebind-timer": 2000,
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ],
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::/80" } ],
                                   "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 56 } ] } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), dir.resolve("leases6.csv"), dir);
        Path file = dir.resolve("dhcp46.json");
        Files.writeString(file, text);
        return file;
    }

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        suite = Suite.start(config(dir), dir);
        // warm-up, not asserted (JIT), with DUIDs of their own
        perfdhcp6(50, 3, "-b", "duid=00010001000000000f000000000000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * perfdhcp -6 as a client on lo; {sent solicits, advertises, sent requests, replies, then
     * renews and their replies, releases and their replies when asked for}.
     */
    static long[] perfdhcp6(int rate, int seconds, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perfdhcp", "-6", "-l", "lo", "-r", String.valueOf(rate),
                "-R", "1000000", "-p", String.valueOf(seconds), "-W", "2000000"));
        cmd.addAll(List.of(extra));
        cmd.add("::1");
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(seconds + 60L));
        List<Long> sent = numbers(r.output(), "sent packets: (\\d+)");
        List<Long> received = numbers(r.output(), "received packets: (\\d+)");
        assertThat(sent).as(r.output()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(received).as(r.output()).hasSizeGreaterThanOrEqualTo(2);
        last = r.output();
        long[] out = new long[sent.size() * 2];
        for (int i = 0; i < sent.size(); i++) {
            out[2 * i] = sent.get(i);
            out[2 * i + 1] = received.get(i);
        }
        return out;
    }

    static String last;

    private static List<Long> numbers(String out, String regex) {
        List<Long> values = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(out);
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }

    /** Lines of the lease6 memfile of type {@code leaseType} (0 IA_NA, 2 IA_PD) whose address starts with {@code prefix}. */
    static long csvLeases(int leaseType, String prefix) throws Exception {
        Path csv = dir.resolve("leases6.csv");
        if (!Files.exists(csv)) {
            return 0;
        }
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(","))
                .filter(f -> f.length > 8 && f[0].startsWith(prefix) && f[6].equals(String.valueOf(leaseType)))
                .map(f -> f[0]).distinct().count();
    }

    @Test
    @Order(1)
    void perfdhcp6CompletesSarrWithAddresses() throws Exception {
        long repliesBefore = suite.statistic("pkt6-reply-sent");
        long[] r = perfdhcp6(100, 5, "-b", "duid=000100010000000001000000000000");
        assertThat(r[0]).as(last).isGreaterThan(300);
        assertThat(r[1]).as("ADVERTISEs\n" + last).isEqualTo(r[0]);
        assertThat(r[3]).as("REPLYs\n" + last).isEqualTo(r[2]).isEqualTo(r[0]);
        assertThat(suite.statistic("pkt6-reply-sent") - repliesBefore).isGreaterThanOrEqualTo(r[3]);
        assertThat(suite.statistic("pkt6-advertise-sent")).isGreaterThanOrEqualTo(r[1]);
        assertThat(csvLeases(0, "2001:db8:1:")).isGreaterThanOrEqualTo(r[3]);
        // Kea's dhcp6 statistics through the gateway: lease-service's and dhcp-service's merged
        assertThat(suite.command("dhcp6", "statistic-get", "{\"name\": \"pkt6-reply-sent\"}").toString())
                .contains("pkt6-reply-sent");
        tools.jackson.databind.JsonNode assigned = suite.command("dhcp6", "statistic-get",
                "{\"name\": \"subnet[1].assigned-nas\"}");
        assertThat(assigned.path("arguments").path("subnet[1].assigned-nas").get(0).get(0).asLong())
                .as(assigned.toString()).isGreaterThanOrEqualTo(r[3]);
    }

    @Test
    @Order(2)
    void perfdhcp6CompletesSarrWithAddressesAndPrefixes() throws Exception {
        long[] r = perfdhcp6(100, 5, "-e", "address-and-prefix", "-b", "duid=000100010000000002000000000000");
        assertThat(r[0]).as(last).isGreaterThan(300);
        assertThat(r[3]).as("REPLYs\n" + last).isEqualTo(r[0]);
        assertThat(csvLeases(2, "2001:db8:1")).as("delegated prefixes in the memfile").isGreaterThanOrEqualTo(r[3]);
    }

    @Test
    @Order(3)
    void renewsAndReleasesAreAnswered() throws Exception {
        long releasesBefore = suite.statistic("pkt6-release-received");
        long[] r = perfdhcp6(50, 6, "-f", "25", "-F", "10", "-b", "duid=000100010000000004000000000000");
        assertThat(r).as(last).hasSize(8);
        assertThat(r[3]).as("REPLYs to REQUEST\n" + last).isEqualTo(r[2]);
        assertThat(r[4]).as("RENEWs sent\n" + last).isPositive();
        assertThat(r[5]).as("REPLYs to RENEW\n" + last).isEqualTo(r[4]);
        assertThat(r[7]).as("REPLYs to RELEASE\n" + last).isEqualTo(r[6]).isPositive();
        assertThat(suite.statistic("pkt6-release-received") - releasesBefore).isGreaterThanOrEqualTo(r[6]);
    }

    @Test
    @Order(4)
    void dhcp4IsServedBySameProcessAtTheSameTime() throws Exception {
        Perfdhcp.Report v4 = Perfdhcp.run(100, 1_000_000, 3);
        assertThat(v4.acks()).as(v4.output()).isEqualTo(v4.discoversSent()).isPositive();
    }

    @Test
    @Order(5)
    void theServerDuidIsKeptAcrossARestart() throws Exception {
        String before = Files.readString(dir.resolve("kea-dhcp6-serverid")).trim();
        Suite.Result restart = suite.dhcpctl(Duration.ofMinutes(3), "restart", "dhcp-service");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(Files.readString(dir.resolve("kea-dhcp6-serverid")).trim()).isEqualTo(before);
        long[] r = perfdhcp6(50, 3, "-b", "duid=000100010000000003000000000000");
        assertThat(r[3]).as(last).isPositive();
    }
}
