package io.dhcpsuite.gateway.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.config.KeaConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What hosts-import takes from a Kea file: every reservation, with the subnet id the suite gives it. */
class HostsImportTest {
    @TempDir
    Path dir;

    @Test
    void takesGlobalSubnetAndSharedNetworkReservationsWithTheirSubnetIds() {
        List<HostsImport.Host> hosts = HostsImport.hosts(KeaConfigLoader.parse("""
                {"Dhcp4": {
                  "reservations": [ {"hw-address": "02:00:00:00:00:01", "hostname": "global"} ],
                  "subnet4": [ {"id": 5, "subnet": "192.0.2.0/24",
                                "reservations": [ {"hw-address": "02:00:00:00:00:02", "ip-address": "192.0.2.2"},
                                                  {"client-id": "01:02:03", "ip-address": "192.0.2.3"} ]} ],
                  "shared-networks": [ {"name": "n", "subnet4": [ {"id": 9, "subnet": "198.51.100.0/24",
                                "reservations": [ {"circuit-id": "'eth0'", "ip-address": "198.51.100.9"} ]} ]} ]
                }}
                """, null));
        assertThat(hosts).extracting(HostsImport.Host::subnetId).containsExactly(0L, 5L, 5L, 9L);
        assertThat(hosts.get(3).path()).isEqualTo("Dhcp4/shared-networks[0]/subnet4[0]/reservations[0]");
        assertThat(hosts.get(1).reservation().get("ip-address").asString()).isEqualTo("192.0.2.2");
    }

    @Test
    void takesDhcp6ReservationsForServiceDhcp6() {
        List<HostsImport.Host> hosts = HostsImport.hosts(KeaConfigLoader.parse("""
                {"Dhcp4": {
                  "subnet4": [ {"id": 5, "subnet": "192.0.2.0/24",
                                "reservations": [ {"hw-address": "02:00:00:00:00:02", "ip-address": "192.0.2.2"} ]} ]
                },
                 "Dhcp6": {
                  "reservations": [ {"duid": "00:01:02", "prefixes": ["2001:db8:200::/56"]} ],
                  "subnet6": [ {"id": 1, "subnet": "2001:db8:1::/64",
                                "reservations": [ {"duid": "00:01:03", "ip-addresses": ["2001:db8:1::3"]} ]} ],
                  "shared-networks": [ {"name": "n", "subnet6": [ {"id": 8, "subnet": "2001:db8:8::/64",
                                "reservations": [ {"hw-address": "02:00:00:00:00:08", "ip-addresses": ["2001:db8:8::8"]} ]} ]} ]
                }}
                """, null));
        assertThat(hosts).extracting(HostsImport.Host::service).containsExactly("dhcp4", "dhcp6", "dhcp6", "dhcp6");
        assertThat(hosts).extracting(HostsImport.Host::subnetId).containsExactly(5L, 0L, 1L, 8L);
        assertThat(hosts.get(3).path()).isEqualTo("Dhcp6/shared-networks[0]/subnet6[0]/reservations[0]");
        assertThat(hosts.get(2).reservation().get("ip-addresses").get(0).asString()).isEqualTo("2001:db8:1::3");
    }

    @Test
    void importsNothingFromAFileKeaRefuses() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"Dhcp4\": {\"subnet4\": [ {\"id\": 1, \"subnet\": \"192.0.2.0/24\", "
                + "\"reservations\": [ {\"ip-address\": \"192.0.2.2\"} ]} ]}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = HostsImport.run(new String[] {"--url", "http://127.0.0.1:9/", bad.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR Dhcp4/subnet4[0]/reservations[0]").contains("identifiers");
    }
}
