package io.dhcpsuite.gateway.tools;

import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./dhcpctl hosts-import FILE}: moves the reservations of a Kea configuration file (global
 * and per subnet, shared networks included) into the hosts database of a running suite, one
 * {@code reservation-add} each through the control API, as an IPAM would. The file is loaded and
 * checked first, as {@code dhcpctl test} checks it, so a file Kea refuses imports nothing; subnets
 * without an {@code id} get the ids the suite numbers them with. A host already in the database
 * (same identifier and subnet) is replaced with {@code reservation-update} when {@code --replace}
 * is given and reported otherwise. Exits 0 when every host went in, 1 otherwise. No Spring: run
 * through the gateway's boot jar with {@code -Dloader.main}.
 */
public final class HostsImport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One reservation to import: the map as written, the subnet it belongs to, the Kea service (dhcp4, dhcp6). */
    record Host(long subnetId, ObjectNode reservation, String path, String service) {
    }

    private HostsImport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = "http://127.0.0.1:8000/";
        String credentials = System.getenv("DHCPCTL_API_CREDENTIALS"); // user:password for basic auth
        boolean replace = false;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                case "--replace" -> replace = true;
                default -> file = args[i];
            }
        }
        if (file == null || url == null) {
            err.println("ERROR usage: hosts-import [--url http://127.0.0.1:8000/] [--replace] <kea-config.json>");
            return 1;
        }
        List<Host> hosts;
        try {
            hosts = hosts(KeaConfigLoader.load(Path.of(file)));
        } catch (ConfigException e) {
            err.println("ERROR " + e.getMessage());
            return 1;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int added = 0;
        int failed = 0;
        for (Host h : hosts) {
            ObjectNode reservation = h.reservation().deepCopy();
            reservation.put("subnet-id", h.subnetId());
            ObjectNode args0 = JsonNodeFactory.instance.objectNode();
            args0.set("reservation", reservation);
            try {
                JsonNode answer = send(http, url, credentials, h.service(), "reservation-add", args0);
                if (answer.path("result").asInt(1) != 0 && replace
                        && answer.path("text").asString("").startsWith("Database duplicate entry error: a reservation for")) {
                    answer = send(http, url, credentials, h.service(), "reservation-update", args0);
                }
                if (answer.path("result").asInt(1) == 0) {
                    added++;
                } else {
                    failed++;
                    err.println("FAILED " + h.path() + ": " + answer.path("text").asString(""));
                }
            } catch (Exception e) {
                err.println("ERROR cannot reach the control API at " + url + ": " + e.getMessage());
                return 1;
            }
        }
        out.println(added + " of " + hosts.size() + " reservation(s) imported from " + file
                + (failed > 0 ? ", " + failed + " failed" : ""));
        return failed == 0 ? 0 : 1;
    }

    /**
     * Every reservation of the file with its subnet id (0 for global ones), in file order: Dhcp4's
     * (sent to dhcp4), then Dhcp6's (sent to dhcp6, into the Dhcp6 hosts databases).
     */
    static List<Host> hosts(SuiteConfig config) {
        List<Host> out = new ArrayList<>();
        JsonNode raw = config.raw();
        if (config.dhcp4() != null && raw != null && raw.has("Dhcp4")) {
            section(out, raw.get("Dhcp4"), config.dhcp4().subnets().stream().map(s -> s.id()).toList(),
                    "Dhcp4", "subnet4", "dhcp4");
        }
        if (config.dhcp6() != null && raw != null && raw.has("Dhcp6")) {
            section(out, raw.get("Dhcp6"), config.dhcp6().subnets().stream().map(s -> s.id()).toList(),
                    "Dhcp6", "subnet6", "dhcp6");
        }
        return out;
    }

    /** One section's reservations; {@code ids} are the parsed subnets' ids, in file order. */
    private static void section(List<Host> out, JsonNode d, List<Long> ids, String name, String subnetKey,
                                String service) {
        add(out, d.path("reservations"), 0, name + "/reservations", service);
        // the parsed subnets are in file order: the section's subnets first, then each shared network's
        int n = 0;
        for (int i = 0; i < d.path(subnetKey).size(); i++) {
            add(out, d.path(subnetKey).get(i).path("reservations"), ids.get(n++),
                    name + "/" + subnetKey + "[" + i + "]/reservations", service);
        }
        for (int s = 0; s < d.path("shared-networks").size(); s++) {
            JsonNode net = d.path("shared-networks").get(s);
            for (int i = 0; i < net.path(subnetKey).size(); i++) {
                add(out, net.path(subnetKey).get(i).path("reservations"), ids.get(n++),
                        name + "/shared-networks[" + s + "]/" + subnetKey + "[" + i + "]/reservations", service);
            }
        }
    }

    private static void add(List<Host> out, JsonNode list, long subnetId, String path, String service) {
        for (int i = 0; i < list.size(); i++) {
            out.add(new Host(subnetId, (ObjectNode) list.get(i), path + "[" + i + "]", service));
        }
    }

    private static JsonNode send(HttpClient http, String url, String credentials, String service, String command,
                                 ObjectNode args) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("command", command);
        body.putArray("service").add(service);
        body.set("arguments", args);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (credentials != null && !credentials.isEmpty()) {
            req.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new java.io.IOException("HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode list = JSON.readTree(r.body());
        return list.isArray() && !list.isEmpty() ? list.get(0) : list;
    }
}
