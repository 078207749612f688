package io.dhcpsuite.config;

import io.dhcpsuite.config.agent.AgentConfigParser;
import io.dhcpsuite.config.d2.D2ConfigParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code kea-dhcp4 -t}, {@code kea-dhcp6 -t}, {@code kea-dhcp-ddns -t} and {@code kea-ctrl-agent -t}
 * for the suite in one: loads a configuration file and checks every section a service of the
 * suite reads, each with the parser that service runs on ({@code Dhcp4} for dhcp-service and
 * lease-service, {@code DhcpDdns} for ddns-service, {@code Control-agent} for the gateway), and
 * {@code Dhcp6} with its parser. Prints each warning
 * as {@code WARN <path>: <message>} on stderr and exits 0 with {@code Syntax check OK}, or prints
 * {@code ERROR <message>} and exits 1. Kea's tools print nothing but their log on success and
 * "Syntax check failed with: ..." on failure; the suite states success explicitly so scripts and
 * people can tell a pass from a silent crash. No Spring here: it runs through the boot jar's
 * PropertiesLauncher with {@code -Dloader.main}.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit status; separated from {@link #main} for tests. */
    static int run(String[] args) {
        if (args.length != 1) {
            System.err.println("ERROR usage: ConfigCheck <kea-config.json>");
            return 1;
        }
        try {
            for (ConfigWarning w : check(Path.of(args[0]))) {
                System.err.println("WARN " + w.path() + ": " + w.message());
            }
            System.out.println("Syntax check OK");
            return 0;
        } catch (ConfigException e) {
            System.err.println("ERROR " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // a bug in the loader must still not print a stack trace at the operator
            System.err.println("ERROR " + args[0] + ": " + e);
            return 1;
        }
    }

    /**
     * Checks every section of {@code file} the suite reads.
     *
     * @return the warnings (accepted but not implemented, numbered subnets, ...)
     * @throws ConfigException naming the path of the first refused key
     */
    public static List<ConfigWarning> check(Path file) {
        SuiteConfig config = KeaConfigLoader.load(file);
        List<ConfigWarning> warnings = new ArrayList<>(config.warnings());
        JsonNode raw = config.raw();
        if (raw.has("DhcpDdns")) {
            D2ConfigParser.fromDocument(raw);
        }
        if (raw.has("Control-agent")) {
            AgentConfigParser.parse(raw);
        }
        if (!raw.has("Dhcp4") && !raw.has("Dhcp6") && !raw.has("DhcpDdns") && !raw.has("Control-agent")) {
            warnings.add(new ConfigWarning(file.toString(), "no Dhcp4, Dhcp6, DhcpDdns or Control-agent section:"
                    + " nothing the suite serves"));
        }
        return warnings;
    }
}
