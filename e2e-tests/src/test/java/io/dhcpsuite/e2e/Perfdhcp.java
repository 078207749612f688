package io.dhcpsuite.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISC's perfdhcp as a relay on 127.0.0.1 sending DORA exchanges to the server on 127.0.0.2:67,
 * with its output parsed.
 */
final class Perfdhcp {
    static final String SERVER = "127.0.0.2";

    private Perfdhcp() {
    }

    static boolean available() {
        return Path.of("/usr/sbin/perfdhcp").toFile().canExecute();
    }

    /**
     * A few seconds of light traffic right after start-up, not asserted: a fresh JVM answers its
     * first packets while the JIT compiles the packet path, and on a 2-core CI machine those
     * replies can miss perfdhcp's 1 s drop time. Operators see the same warm-up; Kea has none.
     */
    static void warmUp() throws Exception {
        run(100, 1_000_000, 3, "-b", "mac=0a:00:00:00:00:00");
    }

    /** Runs {@code rate} exchanges/s for {@code seconds} with {@code clients} distinct clients. */
    static Report run(int rate, int clients, int seconds, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("perfdhcp", "-4", "-l", "127.0.0.1", "-L", "67",
                "-r", String.valueOf(rate), "-R", String.valueOf(clients), "-p", String.valueOf(seconds),
                "-u", "-x", "l",
                // Wait for the replies of the last exchanges before counting drops (the bench does too).
                "-W", "2000000"));
        cmd.addAll(List.of(extra));
        cmd.add(SERVER);
        Suite.Result r = Suite.exec(new ProcessBuilder(cmd).redirectErrorStream(true),
                Duration.ofSeconds(seconds + 60L));
        return Report.parse(r.output());
    }

    /** {@link #run} in the background, for a fault test that acts while perfdhcp runs. */
    static CompletableFuture<Report> runAsync(int rate, int clients, int seconds, String... extra) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(rate, clients, seconds, extra);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * @param discoversSent DISCOVER-OFFER "sent packets"
     * @param offers        DISCOVER-OFFER "received packets"
     * @param requestsSent  REQUEST-ACK "sent packets"
     * @param acks          REQUEST-ACK "received packets"
     * @param leases        the addresses perfdhcp printed as leased ({@code -x l})
     */
    record Report(long discoversSent, long offers, long requestsSent, long acks, Set<String> leases,
                  String output) {

        static Report parse(String out) {
            List<Long> sent = numbers(out, "sent packets: (\\d+)");
            List<Long> received = numbers(out, "received packets: (\\d+)");
            if (sent.size() < 2 || received.size() < 2) {
                throw new AssertionError("unexpected perfdhcp output:\n" + out);
            }
            return new Report(sent.get(0), received.get(0), sent.get(1), received.get(1), ackedLeases(out), out);
        }

        /**
         * The addresses of {@code -x l}'s "Leases for REQUEST-ACK" list only: perfdhcp lists the
         * addresses it was offered too, and an OFFER whose REQUEST found its server gone is no lease.
         */
        /** Each ACKed address with the client (perfdhcp's hardware address) it was ACKed to. */
        Map<String, String> ackedTo() {
            Map<String, String> out = new LinkedHashMap<>();
            int acks = output.indexOf("***Leases for REQUEST-ACK***");
            if (acks >= 0) {
                Matcher m = Pattern.compile("(?m)^([0-9a-f]*),(198\\.1[89]\\.\\d+\\.\\d+),").matcher(output.substring(acks));
                while (m.find()) {
                    out.put(m.group(2), m.group(1));
                }
            }
            return out;
        }

        static Set<String> ackedLeases(String out) {
            Set<String> leases = new LinkedHashSet<>();
            int acks = out.indexOf("***Leases for REQUEST-ACK***");
            if (acks < 0) {
                return leases;
            }
            Matcher m = Pattern.compile("(?m)^[0-9a-f]*,(198\\.1[89]\\.\\d+\\.\\d+),").matcher(out.substring(acks));
            while (m.find()) {
                leases.add(m.group(1));
            }
            return leases;
        }

        private static List<Long> numbers(String out, String regex) {
            List<Long> values = new ArrayList<>();
            Matcher m = Pattern.compile(regex).matcher(out);
            while (m.find()) {
                values.add(Long.parseLong(m.group(1)));
            }
            return values;
        }
    }
}
