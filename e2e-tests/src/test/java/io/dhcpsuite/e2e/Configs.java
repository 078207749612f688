package io.dhcpsuite.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kea-format configurations for the end-to-end tests, the shape perfdhcp's relay mode needs. */
final class Configs {
    private Configs() {
    }

    static Path memfile(Path dir) throws IOException {
        return write(dir, """
                { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 3600 }
                """.formatted(dir.resolve("leases4.csv")));
    }

    static Path postgresql(Path dir, String database) throws IOException {
        return write(dir, """
                { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": 5432, "user": "postgres" }
                """.formatted(database));
    }

    /** PostgreSQL with Kea's reconnect keys, e.g. {@code "max-reconnect-tries": 30, "on-fail": "stop-retry-exit"}. */
    static Path postgresql(Path dir, String database, String reconnectKeys) throws IOException {
        return write(dir, """
                { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": 5432, "user": "postgres", %s }
                """.formatted(database, reconnectKeys));
    }

    private static Path write(Path dir, String leaseDatabase) throws IOException {
        String config = """
                // End-to-end test configuration: perfdhcp relays from 127.0.0.1 to 127.0.0.2:67.
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": %s,
                    "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                    "subnet4": [ {
                      "id": 1, "subnet": "198.18.0.0/15",
                      "pools": [ { "pool": "198.18.0.10 - 198.19.255.250" } ],
                      "relay": { "ip-addresses": [ "127.0.0.1" ] },
                      "option-data": [ { "name": "routers", "data": "198.18.0.1" } ]
                    } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
                                   "output_options": [ { "output": "stdout" } ] } ]
                  }
                }
                """.formatted(leaseDatabase.strip());
        Path file = dir.resolve("dhcp4.json");
        Files.writeString(file, config);
        return file;
    }
}
