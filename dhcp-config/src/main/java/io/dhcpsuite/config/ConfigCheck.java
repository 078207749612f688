package io.dhcpsuite.config;

import io.dhcpsuite.config.ha.HaConfigParser;
import java.nio.file.Path;

/**
 * {@code kea-dhcp4 -t} for the suite: loads a configuration file, prints each warning as
 * {@code WARN <path>: <message>} on stderr and exits 0 with {@code Syntax check OK}, or prints
 * {@code ERROR <message>} and exits 1. kea-dhcp4 prints nothing but its log on success and
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
            System.err.println("ERROR usage: ConfigCheck <kea-dhcp4.json>");
            return 1;
        }
        try {
            SuiteConfig config = KeaConfigLoader.load(Path.of(args[0]));
            if (config.dhcp4() != null) {
                // HA parameters live inside a hook's parameters, which the Dhcp4 parser keeps raw
                HaConfigParser.fromHooks(config.dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries");
            }
            for (ConfigWarning w : config.warnings()) {
                System.err.println("WARN " + w.path() + ": " + w.message());
            }
            if (config.dhcp4() == null) {
                System.err.println("WARN " + args[0] + ": no Dhcp4 section");
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
}
