package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DISCOVER flood from ever new clients (perfdhcp, DISCOVER only, 15,000 clients against a pool
 * of about 1,000 addresses, so every address is offered many times over) together with malformed
 * datagrams, while a real client behind another relay (127.0.0.3) does a DORA each second: the real
 * client is served, memory stays bounded, and the counters say what was dropped.
 */
class FloodIT {
    static final int POOL = 997;
    @TempDir
    static Path dir;
    static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.rootAndPerfdhcp();
        Path config = dir.resolve("flood.json");
        Files.writeString(config, """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/22",
                                   "pools": [ { "pool": "198.18.0.4 - 198.18.3.232" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1", "127.0.0.3" ] } } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ]
                } }
                """.formatted(dir.resolve("leases4.csv")));
        suite = Suite.start(config, dir);
        Perfdhcp.run(50, 1_000_000, 2, "-b", "mac=0a:00:00:00:00:00"); // warm-up, not asserted
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void realClientsAreServedDuringADiscoverFloodWithGarbageAndMemoryStaysBounded() throws Exception {
        long rssBefore = rss("dhcp-service") + rss("lease-service");
        long parseFailed = suite.statistic("pkt4-parse-failed");
        long receiveDrop = suite.statistic("pkt4-receive-drop");
        long offersBefore = suite.statistic("pkt4-offer-sent");
        // DISCOVER-OFFER only (-i), a new client each time; Perfdhcp.Report wants both exchanges
        CompletableFuture<String> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return Suite.exec(new ProcessBuilder("perfdhcp", "-4", "-l", "127.0.0.1", "-L", "67", "-i",
                        "-r", "1500", "-R", "1000000", "-p", "10", "-u", Perfdhcp.SERVER).redirectErrorStream(true),
                        java.time.Duration.ofSeconds(70)).output();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Integer> garbage = CompletableFuture.supplyAsync(FloodIT::sendGarbage);
        int served = 0;
        int tried = 0;
        Thread.sleep(2000); // the flood has held every free address by now
        try (RelayClient real = new RelayClient(Perfdhcp.SERVER, "127.0.0.3")) {
            for (int i = 0; i < 8; i++) {
                tried++;
                served += real.dora(new RelayClient.Client(RelayClient.mac(0x7700 + i), null, null)).size();
                Thread.sleep(1000);
            }
        }
        String report = flood.get();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sent packets: (\\d+)").matcher(report);
        long discovers = m.find() ? Long.parseLong(m.group(1)) : 0;
        int junk = garbage.get();
        long rssAfter = rss("dhcp-service") + rss("lease-service");
        long offers = suite.statistic("pkt4-offer-sent") - offersBefore;
        long dropped = suite.statistic("pkt4-receive-drop") - receiveDrop;
        long malformed = suite.statistic("pkt4-parse-failed") - parseFailed;

        assertThat(discovers).as(report).isGreaterThan(10L * POOL);
        assertThat(served).as("real clients served during the flood").isEqualTo(tried);
        assertThat(malformed).as("malformed datagrams counted").isPositive();
        assertThat(dropped).as("every dropped datagram counted").isGreaterThanOrEqualTo(malformed);
        assertThat(rssAfter - rssBefore).as("RSS growth in bytes").isLessThan(256L << 20);
        System.out.printf("FAULT flood: %d DISCOVERs from distinct clients in 10 s (pool %d), %d OFFERs, %d garbage"
                        + " datagrams; pkt4-parse-failed +%d, pkt4-receive-drop +%d; real clients %d/%d served;"
                        + " RSS of dhcp-service + lease-service %d -> %d MiB%n",
                discovers, POOL, offers, junk, malformed, dropped, served, tried,
                rssBefore >> 20, rssAfter >> 20);
    }

    private static int sendGarbage() {
        Random random = new Random(7);
        int sent = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress server = new InetSocketAddress(Perfdhcp.SERVER, 67);
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 50; i++) {
                    byte[] junk = new byte[random.nextInt(600)];
                    random.nextBytes(junk);
                    if (junk.length > 240) {
                        junk[236] = 99; junk[237] = (byte) 130; junk[238] = 83; junk[239] = 99;
                    }
                    ch.send(ByteBuffer.wrap(junk), server);
                    sent++;
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }

    private static long rss(String service) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + suite.pid(service) + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return 0;
    }
}
