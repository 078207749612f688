package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Reservations in a hosts database, end to end: the suite started by dhcpctl with a
 * {@code hosts-database} on the local PostgreSQL; kea-shell adds a reservation through the gateway
 * and perfdhcp's client gets the reserved address on its very next DORA, with no reload; a
 * reservation of an address another client holds is Kea's reservation conflict; and
 * {@code dhcpctl hosts-import} moves a Kea file's reservations into the database.
 */
class HostsDatabaseIT {
    @TempDir
    Path dir;

    /** The end of a service log, for a failure message. */
    private static String tail(Path log) throws java.io.IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.substring(Math.max(0, text.length() - 4000));
    }

    @Test
    void aReservationAddedWithKeaShellIsServedToTheNextDiscover() throws Exception {
        Preconditions.rootAndPerfdhcp();
        String db = "hosts_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Path config = dir.resolve("hosts.json");
        Files.writeString(config, """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.2" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                    "hosts-database": { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "user": "postgres" },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                                   "pools": [ { "pool": "198.18.0.10 - 198.18.15.250" } ],
                                   "relay": { "ip-addresses": [ "127.0.0.1" ] } } ]
                  }
                }
                """.formatted(dir.resolve("leases4.csv"), db));
        try (Suite suite = Suite.start(config, dir)) {
            Perfdhcp.warmUp();
            assertThat(LocalPostgres.exists(db)).as("lease-service creates the missing hosts database").isTrue();

            JsonNode added = KeaShellIT.kea("reservation-add", "\"reservation\": {\"subnet-id\": 1, "
                    + "\"hw-address\": \"0a:bb:00:00:00:01\", \"ip-address\": \"198.18.3.33\", \"hostname\": \"e2e-db\"}").get(0);
            assertThat(added.get("result").asInt()).as(added.toString()).isZero();
            assertThat(added.get("text").asString()).isEqualTo("Host added.");

            Perfdhcp.Report r = Perfdhcp.run(2, 1, 3, "-b", "mac=0a:bb:00:00:00:01");
            assertThat(r.leases()).as(r.output() + "\n" + tail(suite.log("dhcp-service"))).containsExactly("198.18.3.33");
            JsonNode lease = suite.command("lease4-get", "{\"ip-address\": \"198.18.3.33\"}");
            assertThat(lease.at("/arguments/hw-address").asString()).isEqualTo("0a:bb:00:00:00:01");

            // a client holds an address, then an IPAM reserves it for another client
            Perfdhcp.Report holder = Perfdhcp.run(2, 1, 3, "-b", "mac=0a:bb:00:00:00:02");
            assertThat(holder.leases()).as(holder.output() + "\n" + tail(suite.log("dhcp-service"))
                    + "\n" + tail(suite.log("lease-service"))).hasSize(1);
            String held = holder.leases().iterator().next();
            JsonNode conflicting = KeaShellIT.kea("reservation-add", "\"reservation\": {\"subnet-id\": 1, "
                    + "\"hw-address\": \"0a:bb:00:00:00:03\", \"ip-address\": \"" + held + "\"}").get(0);
            assertThat(conflicting.get("result").asInt()).as(conflicting.toString()).isZero();
            Perfdhcp.Report other = Perfdhcp.run(2, 1, 3, "-b", "mac=0a:bb:00:00:00:03");
            assertThat(other.leases()).as(other.output()).hasSize(1).doesNotContain(held);
            assertThat(suite.statistic("v4-reservation-conflicts")).isPositive();

            // deleted: the address goes back to the pool, the reservation's client is a stranger again
            JsonNode deleted = KeaShellIT.kea("reservation-del", "\"subnet-id\": 1, \"ip-address\": \"198.18.3.33\"").get(0);
            assertThat(deleted.get("text").asString()).isEqualTo("Host deleted.");

            // a Kea file's reservations, imported with one command
            Path kea = dir.resolve("kea-with-reservations.json");
            Files.writeString(kea, """
                    { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15",
                        "reservations": [ { "hw-address": "0a:bb:00:00:00:10", "ip-address": "198.18.3.10" },
                                          { "client-id": "01:0a:bb:00:00:00:11", "ip-address": "198.18.3.11",
                                            "hostname": "imported" } ] } ] } }
                    """);
            Suite.Result imported = suite.dhcpctl(Duration.ofMinutes(3), "hosts-import", kea.toString());
            assertThat(imported.exitCode()).as(imported.output()).isZero();
            assertThat(imported.output()).contains("2 of 2 reservation(s) imported");
            JsonNode byName = suite.command("reservation-get-by-hostname", "{\"hostname\": \"imported\"}");
            assertThat(byName.get("text").asString()).isEqualTo("1 IPv4 host(s) found.");
            Perfdhcp.Report importedClient = Perfdhcp.run(2, 1, 3, "-b", "mac=0a:bb:00:00:00:10");
            assertThat(importedClient.leases()).as(importedClient.output()).containsExactly("198.18.3.10");
        } finally {
            LocalPostgres.drop(db);
        }
    }
}
