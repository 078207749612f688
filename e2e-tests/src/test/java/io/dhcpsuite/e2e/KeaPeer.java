package io.dhcpsuite.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real kea-dhcp4 (Debian's 2.2) with libdhcp_lease_cmds.so and libdhcp_ha.so as an HA peer on
 * loopback: its DHCP socket on {@code address}, its dedicated HA listener on
 * {@code http://address:8001/}, which also answers ordinary commands such as status-get.
 */
final class KeaPeer implements AutoCloseable {
    static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
    static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final URI url;
    final Path log;

    private KeaPeer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static boolean available() {
        return Files.isExecutable(KEA) && Files.exists(HOOKS.resolve("libdhcp_ha.so"));
    }

    /** Puts {@code address} on lo if missing (Kea binds lo/address). */
    static void ensureLoopbackAddress(String address) throws Exception {
        Suite.Result show = Suite.exec(new ProcessBuilder("ip", "-4", "addr", "show", "dev", "lo")
                .redirectErrorStream(true), Duration.ofSeconds(10));
        if (!show.output().contains("inet " + address + "/")) {
            Suite.exec(new ProcessBuilder("ip", "addr", "add", address + "/8", "dev", "lo")
                    .redirectErrorStream(true), Duration.ofSeconds(10));
        }
    }

    /**
     * A Dhcp4 configuration for Kea on {@code address} with subnet 192.0.2.0/24 relayed from
     * 127.0.0.1, and {@code relationship} as the one HA relationship.
     */
    static String config(String address, String relationship, Path dir) {
        return """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/%1$s" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%2$s/leases4.csv", "lfc-interval": 0 },
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 64 },
                  "valid-lifetime": 3600,
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.1" ] },
                                 "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ] } ],
                  "hooks-libraries": [ { "library": "%3$s/libdhcp_lease_cmds.so" },
                    { "library": "%3$s/libdhcp_ha.so", "parameters": { "high-availability": [ %4$s ] } } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                 "output_options": [ { "output": "%2$s/kea.log" } ] } ] } }
                """.formatted(address, dir, HOOKS, relationship);
    }

    static KeaPeer start(String address, String relationship, Path dir) throws Exception {
        ensureLoopbackAddress(address);
        Files.createDirectories(dir);
        Path cfg = Files.writeString(dir.resolve("kea-dhcp4.json"), config(address, relationship, dir));
        ProcessBuilder pb = new ProcessBuilder(KEA.toString(), "-c", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("kea.out").toFile());
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", dir.toString());
        return new KeaPeer(pb.start(), URI.create("http://" + address + ":8001/"), dir.resolve("kea.log"));
    }

    /** A command on Kea's HA listener; the first answer of Kea's list, or null if it is unreachable. */
    JsonNode command(String command, String argumentsJson) {
        String body = "{\"command\": \"" + command + "\""
                + (argumentsJson == null ? "" : ", \"arguments\": " + argumentsJson) + "}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(r.body());
            return n.isArray() ? n.get(0) : n;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** This Kea's own HA state, or null while it does not answer. */
    String haState() {
        JsonNode s = command("status-get", null);
        if (s == null || s.path("arguments").path("high-availability").isMissingNode()) {
            return null;
        }
        return s.path("arguments").path("high-availability").path(0).path("ha-servers").path("local")
                .path("state").asString();
    }

    boolean alive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGSTOP ({@code false}) or SIGCONT: a peer that stops answering while its sockets stay open, and comes back. */
    void running(boolean run) throws Exception {
        Process p = new ProcessBuilder("kill", run ? "-CONT" : "-STOP", Long.toString(process.pid())).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill " + (run ? "-CONT" : "-STOP") + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash: no goodbye to the partner. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
