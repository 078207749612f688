package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FloodIT's DHCPv6 twin: SOLICITs from ever new DUIDs (1,500 a second for 10 s against a pool of
 * 1,000 addresses, so every address is advertised many times over) and 1,000 malformed datagrams
 * a second, while perfdhcp -6 as a real client does a SOLICIT-ADVERTISE-REQUEST-REPLY each second:
 * the real client is served every time, memory stays bounded (an advertise holds one address per
 * IA, at most the pool), and the {@code pkt6-*} counters say what was dropped.
 */
class Flood6IT {
    static final int POOL = 1000;
    @TempDir
    Path dir;

    @Test
    void realClientsAreServedDuringASolicitFloodWithGarbageAndMemoryStaysBounded() throws Exception {
        Preconditions.rootAndPerfdhcp();
        Path config = dir.resolve("flood6.json");
        Files.writeString(config, """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "data-directory": "%s",
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
                                   "pools": [ { "pool": "2001:db8:1::1000 - 2001:db8:1::13e7" } ] } ]
                } }
                """.formatted(dir.resolve("leases6.csv"), dir));
        try (Suite suite = Suite.start(config, dir)) {
            Dhcp6EndToEndIT.perfdhcp6(20, 2, "-b", "duid=00010001000000000b000000000000"); // warm-up
            long rssBefore = rss(suite, "dhcp-service") + rss(suite, "lease-service");
            long parseFailed = statistic6(suite, "pkt6-parse-failed");
            long receiveDrop = statistic6(suite, "pkt6-receive-drop");
            long advertisesBefore = statistic6(suite, "pkt6-advertise-sent");
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(Flood6IT::flood);
            Thread.sleep(2000); // the flood has advertised every free address by now
            long[] real = Dhcp6EndToEndIT.perfdhcp6(1, 7, "-b", "duid=00010001000000000a000000000000");
            int[] sent = {flood.get()};
            long rssAfter = rss(suite, "dhcp-service") + rss(suite, "lease-service");
            long advertises = statistic6(suite, "pkt6-advertise-sent") - advertisesBefore;
            long malformed = statistic6(suite, "pkt6-parse-failed") - parseFailed;
            long dropped = statistic6(suite, "pkt6-receive-drop") - receiveDrop;
            System.out.printf("FAULT flood6: %d SOLICITs from distinct DUIDs and %d garbage datagrams in 10 s (pool %d),"
                            + " %d ADVERTISEs; pkt6-parse-failed +%d, pkt6-receive-drop +%d; real client %d of %d"
                            + " SARR; RSS of dhcp-service + lease-service %d -> %d MiB%n",
                    sent[0] / 2, sent[0] / 2, POOL, advertises, malformed, dropped, real[3], real[0],
                    rssBefore >> 20, rssAfter >> 20);
            assertThat(real[0]).as(Dhcp6EndToEndIT.last).isGreaterThanOrEqualTo(5);
            assertThat(real[3]).as("real client's REPLYs\n" + Dhcp6EndToEndIT.last).isEqualTo(real[0]);
            assertThat(advertises).as("ADVERTISEs to the flood").isGreaterThan(5L * POOL);
            assertThat(malformed).as("malformed datagrams counted").isPositive();
            assertThat(dropped).as("every dropped datagram counted").isGreaterThanOrEqualTo(malformed);
            assertThat(rssAfter - rssBefore).as("RSS growth in bytes").isLessThan(256L << 20);
        }
    }

    /** 10 s of SOLICITs from new DUIDs (1,500/s) and random datagrams (1,500/s); returns how many were sent. */
    private static int flood() {
        Random random = new Random(11);
        int sent = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("::1", 0));
            InetSocketAddress server = new InetSocketAddress("::1", 547);
            long end = System.nanoTime() + 10_000_000_000L;
            int n = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 15; i++) {
                    ch.send(ByteBuffer.wrap(solicit(++n)), server);
                    byte[] junk = new byte[random.nextInt(300)];
                    random.nextBytes(junk);
                    if (junk.length > 4) {
                        junk[0] = 1; // a SOLICIT's type, so the bytes reach the option parser
                    }
                    ch.send(ByteBuffer.wrap(junk), server);
                    sent += 2;
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }

    /** A SOLICIT with a DUID-LL of its own, one IA_NA and an elapsed time. */
    static byte[] solicit(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 10 + 4 + 12 + 4 + 2);
        b.put((byte) 1).put((byte) (n >> 16)).put((byte) (n >> 8)).put((byte) n);
        b.putShort((short) 1).putShort((short) 10).putShort((short) 3).putShort((short) 1)
                .putShort((short) 0x0e00).putInt(n); // DUID-LL, Ethernet, 0e:00 + n
        b.putShort((short) 3).putShort((short) 12).putInt(1).putInt(0).putInt(0); // IA_NA, IAID 1
        b.putShort((short) 8).putShort((short) 2).putShort((short) 0); // elapsed time
        return b.array();
    }

    private static long statistic6(Suite suite, String name) throws Exception {
        tools.jackson.databind.JsonNode a = suite.command("dhcp6", "statistic-get", "{\"name\": \"" + name + "\"}");
        tools.jackson.databind.JsonNode samples = a.path("arguments").path(name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    private static long rss(Suite suite, String service) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + suite.pid(service) + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return 0;
    }
}
