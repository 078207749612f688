package io.dhcpsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's example configuration files (Debian package kea-doc) and Kea's own checkers, for tests
 * that hold the suite to "every file Kea accepts, the suite accepts".
 *
 * <p>The examples name things of the machine they were written on: hook libraries under
 * {@code /opt/lib}, interfaces {@code eth0} and {@code eth1}, TLS and credential files. Before
 * either tool sees a file, {@link #adapt} points those at this machine (a hook library Kea ships
 * is taken from Kea's hooks directory, one it does not ship, such as a premium hook, is left out;
 * interfaces become {@code lo}, also in {@code Dhcp6}; TLS and credential files are created with
 * placeholder content),
 * so both judge the configuration and not the machine. Nothing else is changed.
 */
final class KeaExamples {

    static final Path EXAMPLES = Path.of("/usr/share/doc/kea/examples");
    static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");
    /** Example directory → the Kea daemon whose {@code -t} checks it. */
    static final Map<String, String> TOOLS = Map.of("kea4", "kea-dhcp4", "kea6", "kea-dhcp6",
            "ddns", "kea-dhcp-ddns", "agent", "kea-ctrl-agent");
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private KeaExamples() {
    }

    /**
     * The example passes both Kea's {@code -t} and the suite's check as shipped (adapted);
     * mutated, both refuse it, and the suite's message starts with {@code message}.
     */
    static void bothRefuse(Path work, String dir, String file, Consumer<ObjectNode> mutation, String message)
            throws Exception {
        Path original = EXAMPLES.resolve(dir).resolve(file);
        String tool = TOOLS.get(dir);
        Path adapted = adapt(original, work);
        assertThat(keaCheck(tool, adapted, work).accepted()).as("%s accepts %s", tool, file).isTrue();
        ConfigCheck.check(adapted);

        Path mutated = adapt(original, work, mutation);
        KeaVerdict kea = keaCheck(tool, mutated, work);
        if (kea.accepted()) {
            fail(tool + " accepts the mutated " + file + ": " + Files.readString(mutated));
        }
        assertThatThrownBy(() -> ConfigCheck.check(mutated)).as("Kea says: %s", keaError(kea.output()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    static boolean installed() {
        return Files.isDirectory(EXAMPLES.resolve("kea4")) && Files.isDirectory(EXAMPLES.resolve("kea6"));
    }

    static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The outcome of a Kea daemon's {@code -t}: accepted, and its output for the message. */
    record KeaVerdict(boolean accepted, String output) {
    }

    static KeaVerdict keaCheck(String tool, Path file, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(tool, "-t", file.toString()).redirectErrorStream(true);
        // Kea writes its pid and lock files under /run/kea otherwise
        pb.environment().put("KEA_PIDFILE_DIR", work.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", work.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " -t " + file + " did not finish");
        }
        return new KeaVerdict(p.exitValue() == 0, out.strip());
    }

    /** The last error line of Kea's output, for messages. */
    static String keaError(String output) {
        String last = "";
        for (String line : output.split("\n")) {
            if (line.contains("rror") || line.contains("ailed")) {
                last = line.strip();
            }
        }
        return last.isEmpty() ? output : last;
    }

    /** {@code original} adapted to this machine (see the class comment), written under {@code work}. */
    static Path adapt(Path original, Path work) throws IOException {
        return adapt(original, work, root -> { });
    }

    /** As {@link #adapt(Path, Path)}, then {@code mutation} applied to the document. */
    static Path adapt(Path original, Path work, Consumer<ObjectNode> mutation) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(original));
        for (String section : List.of("Dhcp4", "Dhcp6", "DhcpDdns", "Control-agent")) {
            JsonNode s = root.get(section);
            if (s instanceof ObjectNode o) {
                hooks(o);
            }
        }
        if (root.get("Dhcp4") instanceof ObjectNode d4) {
            interfaces(d4, "subnet4");
        }
        if (root.get("Dhcp6") instanceof ObjectNode d6) {
            interfaces(d6, "subnet6");
        }
        if (root.get("Control-agent") instanceof ObjectNode ca) {
            agentFiles(ca, work);
        }
        mutation.accept(root);
        Path out = work.resolve(original.getParent().getFileName() + "-" + original.getFileName());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return out;
    }

    private static void hooks(ObjectNode section) {
        if (!(section.get("hooks-libraries") instanceof ArrayNode list)) {
            return;
        }
        ArrayNode kept = list.arrayNode();
        for (JsonNode h : list) {
            String lib = h.path("library").asString("");
            Path local = HOOKS.resolve(Path.of(lib).getFileName().toString());
            if (Files.exists(local)) {
                ((ObjectNode) h).put("library", local.toString());
                kept.add(h);
            }
        }
        section.set("hooks-libraries", kept);
    }

    /** Interfaces become {@code lo}, without the unicast address a Dhcp6 entry may name. */
    private static void interfaces(ObjectNode section, String subnetKey) {
        if (section.get("interfaces-config") instanceof ObjectNode ic && ic.get("interfaces") instanceof ArrayNode list) {
            ArrayNode lo = list.arrayNode();
            boolean any = false;
            for (JsonNode i : list) {
                if (i.asString("").equals("*")) {
                    lo.add("*");
                } else if (!any) {
                    lo.add("lo");
                    any = true;
                }
            }
            ic.set("interfaces", lo);
        }
        List<JsonNode> networks = new ArrayList<>();
        section.path(subnetKey).forEach(networks::add);
        for (JsonNode net : section.path("shared-networks")) {
            networks.add(net);
            net.path(subnetKey).forEach(networks::add);
        }
        for (JsonNode n : networks) {
            if (n instanceof ObjectNode o && o.has("interface")) {
                o.put("interface", "lo");
            }
        }
    }

    private static void agentFiles(ObjectNode ca, Path work) throws IOException {
        for (String key : List.of("trust-anchor", "cert-file", "key-file")) {
            if (ca.has(key)) {
                Path f = work.resolve("tls-" + key);
                Files.writeString(f, "placeholder\n");
                ca.put(key, f.toString());
            }
        }
        if (ca.get("authentication") instanceof ObjectNode auth && auth.has("directory")) {
            Path creds = Files.createDirectories(work.resolve("creds"));
            auth.put("directory", creds.toString());
            for (JsonNode c : auth.path("clients")) {
                boolean hasUser = c.has("user") || c.has("user-file");
                if (c.has("user-file")) {
                    Files.writeString(creds.resolve(c.get("user-file").asString()), "kea");
                }
                if (c.has("password-file")) {
                    Files.writeString(creds.resolve(c.get("password-file").asString()),
                            hasUser ? "secret" : "kea-user:secret");
                }
            }
        }
    }
}
