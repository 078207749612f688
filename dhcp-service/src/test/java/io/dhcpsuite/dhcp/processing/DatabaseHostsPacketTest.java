package io.dhcpsuite.dhcp.processing;

import static io.dhcpsuite.dhcp.processing.TestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.dhcp.classification.HostReplica;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reservations of the hosts databases on the packet path: a host that arrives in the copy fed by
 * lease-service is used for the next packet with every field (address, hostname, options, boot
 * fields, classes), the file's reservation wins for the same client (Kea's precedence), and a
 * deleted host is forgotten.
 */
class DatabaseHostsPacketTest {
    private static final String RELAY = "192.0.2.2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestKit kit = new TestKit();
    private final HostReplica replica = kit.settings.hosts().databases();

    private TestKit.Sent discover(String mac) {
        return kit.send(query(MessageType.DISCOVER, mac, RELAY)
                .option(OptionCodes.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 12}).build(), RELAY, 67);
    }

    private void feed(String json) {
        replica.apply(JSON.readTree(json));
    }

    private static String addr(int a) {
        return Ipv4.format(a);
    }

    @Test
    void usesADatabaseReservationFromTheNextPacket() {
        TestKit.Sent before = discover("02:00:00:00:00:33");
        assertThat(addr(before.message().yiaddr())).isNotEqualTo("198.19.0.33");
        assertThat(kit.leases.last().clientClasses()).contains("UNKNOWN");

        feed("""
                {"epoch": "e1", "version": 1, "reset": true, "deleted": [], "hosts": [
                  {"key": "1:1", "subnet-id": 1, "hw-address": "02:00:00:00:00:33", "ip-address": "198.19.0.33",
                   "hostname": "db-host", "next-server": "198.19.0.9", "server-hostname": "tftp",
                   "boot-file-name": "ipxe.efi", "client-classes": ["from-db"],
                   "option-data": [{"name": "routers", "code": 3, "data": "198.19.0.253", "csv-format": true,
                                    "space": "dhcp4", "always-send": false, "never-send": false}]}]}
                """);
        TestKit.Sent r = discover("02:00:00:00:00:33");
        DhcpMessage m = r.message();
        assertThat(addr(m.yiaddr())).isEqualTo("198.19.0.33");
        assertThat(kit.leases.last().reservedAddress()).isEqualTo("198.19.0.33");
        assertThat(kit.leases.last().clientClasses()).contains("KNOWN", "from-db");
        assertThat(m.optionString(OptionCodes.HOST_NAME)).isEqualTo("db-host");
        assertThat(addr(m.optionAddress(OptionCodes.ROUTERS))).isEqualTo("198.19.0.253");
        assertThat(addr(m.siaddr())).isEqualTo("198.19.0.9");
        assertThat(m.fileString()).isEqualTo("ipxe.efi");

        feed("""
                {"epoch": "e1", "version": 2, "reset": false, "hosts": [], "deleted": ["1:1"]}
                """);
        assertThat(addr(discover("02:00:00:00:00:33").message().yiaddr())).isNotEqualTo("198.19.0.33");
        assertThat(replica.version()).isEqualTo(2);
    }

    @Test
    void theFileReservationWinsOverTheDatabaseForTheSameClient() {
        feed("""
                {"epoch": "e1", "version": 1, "reset": true, "deleted": [], "hosts": [
                  {"key": "1:7", "subnet-id": 1, "hw-address": "02:00:00:00:00:05", "ip-address": "198.19.0.77",
                   "hostname": "", "next-server": "0.0.0.0", "server-hostname": "", "boot-file-name": "",
                   "client-classes": [], "option-data": []}]}
                """);
        assertThat(addr(discover("02:00:00:00:00:05").message().yiaddr())).isEqualTo("198.19.0.5");
    }

    @Test
    void aGlobalDatabaseReservationNeedsReservationsGlobal() {
        feed("""
                {"epoch": "e1", "version": 1, "reset": true, "deleted": [], "hosts": [
                  {"key": "1:9", "subnet-id": 0, "hw-address": "02:00:00:00:00:44", "hostname": "global-db"}]}
                """);
        // reservations-global is off by default (Kea's default): the global host is not looked at
        TestKit.Sent r = discover("02:00:00:00:00:44");
        assertThat(r.message().optionString(OptionCodes.HOST_NAME)).isNull();
        assertThat(replica.size()).isEqualTo(1);
    }
}
