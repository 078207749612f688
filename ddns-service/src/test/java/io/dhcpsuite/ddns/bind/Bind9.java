package io.dhcpsuite.ddns.bind;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND 9 for the tests: named on 127.0.0.1 and a free port, with
 * a TSIG key. Zones example.org and 18.198.in-addr.arpa accept updates signed with the key only;
 * open.test and 19.198.in-addr.arpa accept unsigned updates from 127.0.0.1 (for the unsigned rate);
 * the ip6.arpa zone of 2001:db8::/32 takes signed updates, for DHCPv6.
 * Published in this module's test jar, so the suite's end-to-end tests start BIND the same way.
 */
public final class Bind9 implements AutoCloseable {
    public static final String NAMED = "/usr/sbin/named";
    public static final String KEY_NAME = "ddns-key";
    /** The reverse zone of 2001:db8::/32, signed updates only. */
    public static final String REVERSE6 = "8.b.d.0.1.0.0.2.ip6.arpa";
    public final String secret;
    public final int port;
    private final Path dir;
    private Process process;

    public Bind9(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        this.secret = Base64.getEncoder().encodeToString(key);
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(NAMED));
    }

    public void start() throws Exception {
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("named.conf"), """
                key "%s" { algorithm hmac-sha256; secret "%s"; };
                controls { };
                options {
                  directory "%s"; pid-file "%s/named.pid"; session-keyfile "%s/session.key";
                  managed-keys-directory "%s";
                  listen-on port %d { 127.0.0.1; }; listen-on-v6 { none; };
                  recursion no; dnssec-validation no; notify no;
                };
                zone "example.org" { type master; file "%s/example.org.db"; allow-update { key "%s"; }; };
                zone "18.198.in-addr.arpa" { type master; file "%s/18.198.db"; allow-update { key "%s"; }; };
                zone "open.test" { type master; file "%s/open.test.db"; allow-update { 127.0.0.1; }; };
                zone "19.198.in-addr.arpa" { type master; file "%s/19.198.db"; allow-update { 127.0.0.1; }; };
                zone "%s" { type master; file "%s/db8.ip6.db"; allow-update { key "%s"; }; };
                """.formatted(KEY_NAME, secret, d, d, d, d, port, d, KEY_NAME, d, KEY_NAME, d, d,
                REVERSE6, d, KEY_NAME));
        for (String zone : List.of("example.org", "18.198", "open.test", "19.198", "db8.ip6")) {
            String origin = zone.equals("db8.ip6") ? REVERSE6 + "."
                    : zone.matches("[0-9.]+") ? zone + ".in-addr.arpa." : zone + ".";
            Files.writeString(dir.resolve(zone + ".db"), """
                    $TTL 300
                    $ORIGIN %s
                    @ IN SOA ns.example.org. admin.example.org. 1 3600 600 86400 300
                    @ IN NS ns.example.org.
                    """.formatted(origin));
        }
        Files.writeString(dir.resolve("example.org.db"), "ns IN A 127.0.0.1\n", java.nio.file.StandardOpenOption.APPEND);
        run("chown", "-R", "bind:bind", d);
        launch();
    }

    /**
     * Stops named as an operator's {@code systemctl stop} would (SIGTERM), keeping its zones and
     * journals, so that {@link #restart} brings back every update it had accepted.
     */
    public void stop() throws Exception {
        close();
    }

    /** Starts named again, on the same port with the same files, after {@link #stop}. */
    public void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        String d = dir.toAbsolutePath().toString();
        process = new ProcessBuilder(NAMED, "-c", d + "/named.conf", "-g", "-u", "bind")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("named.log").toFile())).start();
        Awaitility.await("named answering on port " + port).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("named exited: " + log());
                    }
                    return query("example.org.", Type.SOA).getRcode() == Rcode.NOERROR
                            && query("19.198.in-addr.arpa.", Type.SOA).getRcode() == Rcode.NOERROR;
                });
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("named.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    public Message query(String name, int type) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.setTimeout(Duration.ofSeconds(2));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    /** The answer records of that type at that name (empty on NXDOMAIN/NODATA). */
    public List<Record> records(String name, int type) throws IOException {
        List<Record> out = new ArrayList<>();
        for (Record r : query(name, type).getSection(Section.ANSWER)) {
            if (r.getType() == type) {
                out.add(r);
            }
        }
        return out;
    }

    /** The A addresses of {@code fqdn}. */
    public List<String> a(String fqdn) throws IOException {
        return records(fqdn, Type.A).stream().map(Record::rdataToString).toList();
    }

    /** The AAAA addresses of {@code fqdn}, in Java's text form (e.g. 2001:db8:1:0:0:0:0:5). */
    public List<String> aaaa(String fqdn) throws IOException {
        return records(fqdn, Type.AAAA).stream()
                .map(r -> ((org.xbill.DNS.AAAARecord) r).getAddress().getHostAddress()).toList();
    }

    /** The PTR targets of {@code ip}. */
    public List<String> ptr(String ip) throws IOException {
        return records(ReverseMap.fromAddress(ip).toString(), Type.PTR).stream().map(Record::rdataToString).toList();
    }

    public boolean hasDhcid(String fqdn) throws IOException {
        return !records(fqdn, Type.DHCID).isEmpty();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: named shuts down cleanly
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A port free on both TCP and UDP (named listens on both). */
    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                    return p;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed");
        }
    }
}
