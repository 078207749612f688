package io.dhcpsuite.lease.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrSender;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.lease.TestSupport;
import io.dhcpsuite.api.testing.MutableClock;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.command.LeaseCommands;
import io.dhcpsuite.lease.reclamation.Reclaimer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.dhcpsuite.lease.store.LeaseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** lease-service's NCRs: reclamation, reuse of an expired address, lease4-del update-ddns, lease4-resend-ddns. */
class LeaseDdnsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private DatagramSocket d2;
    private AllocationEngine engine;
    private Reclaimer reclaimer;
    private CommandDispatcher commands;
    private LeaseDdns ddns;

    @BeforeEach
    void start() throws Exception {
        d2 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        d2.setSoTimeout(3000);
        start(true);
    }

    private void start(boolean enabled) {
        Dhcp4Config cfg = TestSupport.config("""
                {"Dhcp4": {"valid-lifetime": 3000,
                  "dhcp-ddns": {"enable-updates": %s, "server-ip": "127.0.0.1", "server-port": %d},
                  "ddns-conflict-resolution-mode": "check-exists-with-dhcid",
                  "expired-leases-processing": {"reclaim-timer-wait-time": 1, "hold-reclaimed-time": 0},
                  "subnet4": [{"id": 1, "subnet": "198.18.0.0/24", "ddns-ttl-percent": 0.5,
                               "pools": [{"pool": "198.18.0.10 - 198.18.0.10"}]}]}}""".formatted(enabled, d2.getLocalPort()));
        ddns = enabled
                ? new LeaseDdns(cfg, new NcrSender(new InetSocketAddress("127.0.0.1", d2.getLocalPort()), null, 16,
                        new Statistics(), "lease-ncr-"))
                : LeaseDdns.disabled(cfg);
        engine = TestSupport.engine(cfg, clock, LeaseWriter.MEMORY_ONLY, List.of(), List.of(ddns));
        reclaimer = new Reclaimer(engine);
        commands = new CommandDispatcher();
        LeaseCommands.register(commands, engine, reclaimer, null, ddns);
    }

    @AfterEach
    void stop() {
        ddns.close();
        d2.close();
    }

    private LeaseResult4 request(String hw, String hostname, boolean generate) {
        LeaseOp4 op = new LeaseOp4(1, LeaseOp4.Kind.REQUEST, List.of(1L), 1, hw, null, true, null, false, null, 0,
                List.of(), 3000, hostname, true, true, generate);
        return engine.apply(List.of(op)).results().get(0);
    }

    private Ncr receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        d2.receive(p);
        return NcrCodec.fromDatagram(p.getData(), 0, p.getLength());
    }

    private void assertNothingReceived() throws Exception {
        d2.setSoTimeout(300);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            d2.receive(p);
            throw new AssertionError("unexpected NCR " + new String(p.getData(), 2, p.getLength() - 2));
        } catch (SocketTimeoutException expected) {
            // nothing sent
        }
    }

    private CommandResponse command(String name, String args) {
        return commands.dispatch(new CommandRequest(name, null, JSON.readTree(args)));
    }

    @Test
    void reclamationRemovesTheNamesOfAnExpiredLease() throws Exception {
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        clock.advance(Duration.ofSeconds(3001));
        reclaimer.tick();
        Ncr r = receive();
        assertThat(r.isAdd()).isFalse();
        assertThat(r.fqdn()).isEqualTo("pc1.example.org.");
        assertThat(r.ipAddress()).isEqualTo("198.18.0.10");
        assertThat(r.forwardChange()).isTrue();
        assertThat(r.reverseChange()).isTrue();
        assertThat(r.conflictResolutionMode()).isEqualTo("check-exists-with-dhcid");
        assertThat(r.leaseLength()).as("ddns-ttl-percent 0.5 of 3000").isEqualTo(1500);
        assertThat(r.dhcid()).as("the DHCID of the add, from the hardware address").isEqualTo(
                io.dhcpsuite.api.ddns.Dhcid.toHex(io.dhcpsuite.api.ddns.Dhcid.fromHwAddress(1,
                        new byte[] {2, 0, 0, 0, 0, 1}, "pc1.example.org.")));
    }

    @Test
    void reusingAnotherClientsExpiredAddressRemovesItsNames() throws Exception {
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        clock.advance(Duration.ofSeconds(3001));
        LeaseResult4 b = request("02:00:00:00:00:02", "pc2.example.org.", false);
        assertThat(b.lease().ipAddress()).isEqualTo("198.18.0.10");
        Ncr r = receive();
        assertThat(r.isAdd()).isFalse();
        assertThat(r.fqdn()).isEqualTo("pc1.example.org.");
    }

    @Test
    void leaseWithoutNameOrReleasedLeaseSendsNothingOnReclamation() throws Exception {
        request("02:00:00:00:00:01", null, false);
        clock.advance(Duration.ofSeconds(3001));
        reclaimer.tick();
        assertNothingReceived();
    }

    @Test
    void deleteWithUpdateDdnsRemovesTheNames() throws Exception {
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        assertThat(command("lease4-del", "{\"ip-address\": \"198.18.0.10\", \"update-ddns\": \"yes\"}").result())
                .isEqualTo(ResultCode.ERROR);
        assertThat(command("lease4-del", "{\"ip-address\": \"198.18.0.10\", \"update-ddns\": true}").text())
                .isEqualTo("IPv4 lease deleted.");
        assertThat(receive().fqdn()).isEqualTo("pc1.example.org.");
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        assertThat(command("lease4-del", "{\"ip-address\": \"198.18.0.10\"}").result()).isEqualTo(ResultCode.SUCCESS);
        assertNothingReceived();
    }

    @Test
    void resendDdnsAnswersAsLeaseCmds() throws Exception {
        assertThat(command("lease4-resend-ddns", "{\"ip-address\": \"198.18.0.10\"}"))
                .extracting(CommandResponse::result, CommandResponse::text)
                .containsExactly(ResultCode.EMPTY, "No lease found for: 198.18.0.10");
        request("02:00:00:00:00:01", null, false);
        assertThat(command("lease4-resend-ddns", "{\"ip-address\": \"198.18.0.10\"}"))
                .extracting(CommandResponse::result, CommandResponse::text)
                .containsExactly(ResultCode.CONFLICT, "Lease for: 198.18.0.10, has no hostname, nothing to update");
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        assertThat(command("lease4-resend-ddns", "{\"ip-address\": \"198.18.0.10\"}"))
                .extracting(CommandResponse::result, CommandResponse::text)
                .containsExactly(ResultCode.SUCCESS, "NCR generated for: 198.18.0.10, hostname: pc1.example.org.");
        Ncr add = receive();
        assertThat(add.isAdd()).isTrue();
        assertThat(add.fqdn()).isEqualTo("pc1.example.org.");
    }

    @Test
    void resendDdnsIsAConflictWhenDdnsIsOff() {
        ddns.close();
        start(false);
        request("02:00:00:00:00:01", "pc1.example.org.", false);
        assertThat(command("lease4-resend-ddns", "{\"ip-address\": \"198.18.0.10\"}"))
                .extracting(CommandResponse::result, CommandResponse::text)
                .containsExactly(ResultCode.CONFLICT, "DDNS updating is not enabled");
    }

    @Test
    void renewalReportsThePreviousNameAndGeneratesNamesFromTheAddress() {
        LeaseResult4 first = request("02:00:00:00:00:01", "", true);
        assertThat(first.lease().hostname()).isEqualTo("myhost-198-18-0-10.");
        assertThat(first.previous()).isNull();
        LeaseResult4 renamed = request("02:00:00:00:00:01", "pc1.example.org.", false);
        assertThat(renamed.reused()).isTrue();
        assertThat(renamed.previous().hostname()).isEqualTo("myhost-198-18-0-10.");
        LeaseResult4 plain = request("02:00:00:00:00:01", ".", true);
        assertThat(plain.lease().hostname()).as("option 12 form: no trailing dot").isEqualTo("myhost-198-18-0-10");
    }
}
