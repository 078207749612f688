package io.dhcpsuite.api.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.stats.Statistics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

class NcrSenderTest {
    private static final Lease4 LEASE = new Lease4("198.18.0.10", "00:0c:01:02:03:04", null, 1, null,
            1_700_000_000L, 3600, true, true, "host.example.org.", 0, null);

    @Test
    void sendsKeasFramingThatD2Decodes() throws Exception {
        try (DatagramChannel d2 = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NcrSender sender = new NcrSender((InetSocketAddress) d2.getLocalAddress(), null, 16, new Statistics(), "ncr-")) {
            Ncr add = LeaseNcrs.of(Ncr.CHG_ADD, LEASE, 1200, ConflictResolutionMode.CHECK_WITH_DHCID);
            assertThat(sender.send(add)).isTrue();
            ByteBuffer buf = ByteBuffer.allocate(2048);
            d2.receive(buf);
            buf.flip();
            Ncr got = NcrCodec.fromDatagram(buf.array(), 0, buf.limit());
            assertThat(got).isEqualTo(add);
            assertThat(got.leaseLength()).isEqualTo(1200);
            assertThat(got.leaseExpiresOn()).isEqualTo("20231114223320"); // cltt + ttl
            assertThat(got.dhcid()).startsWith("000001"); // type 0 (hw address), digest 1
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sender.count("sent") < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sender.count("sent")).isEqualTo(1);
        }
    }

    @Test
    void neverBlocksAndCountsWhatItDropsWhenD2IsDown() throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Statistics stats = new Statistics();
        try (NcrSender sender = new NcrSender(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, 4,
                stats, "ncr-")) {
            Ncr add = LeaseNcrs.of(Ncr.CHG_ADD, LEASE, 1200, null);
            long t0 = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 20_000; i++) {
                if (sender.send(add)) {
                    accepted++;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("20000 sends into a 4-deep queue with D2 down").isLessThan(2000);
            assertThat(stats.value("ncr-queue-full")).isEqualTo(20_000 - accepted).isPositive();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((sender.pending() > 0 || stats.value("ncr-send-failed") == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10); // NOPMD polling with a deadline
            }
            assertThat(sender.pending()).isZero();
            assertThat(stats.value("ncr-send-failed")).as("ICMP port unreachable seen by the connected socket").isPositive();
        }
    }

    @Test
    void noNcrWithoutANameOrADirection() {
        Lease4 noName = new Lease4("198.18.0.10", "00:0c:01:02:03:04", null, 1, null, 0, 3600, true, true, "", 0, null);
        Lease4 noDirection = new Lease4("198.18.0.10", "00:0c:01:02:03:04", null, 1, null, 0, 3600, false, false,
                "h.example.org.", 0, null);
        assertThat(LeaseNcrs.of(Ncr.CHG_REMOVE, noName, 600, null)).isNull();
        assertThat(LeaseNcrs.of(Ncr.CHG_REMOVE, noDirection, 600, null)).isNull();
    }

    @Test
    void clientIdWinsOverTheHardwareAddress() {
        Lease4 withCid = new Lease4("198.18.0.10", "00:0c:01:02:03:04", "01:00:0c:01:02:03:04", 1, null, 0, 3600,
                true, false, "h.example.org.", 0, null);
        Ncr r = LeaseNcrs.of(Ncr.CHG_REMOVE, withCid, 600, ConflictResolutionMode.NO_CHECK_WITH_DHCID);
        assertThat(r.dhcid()).isEqualTo(Dhcid.toHex(Dhcid.fromClientId(
                new byte[] {1, 0, 0x0c, 1, 2, 3, 4}, "h.example.org.")));
        assertThat(r.isAdd()).isFalse();
        assertThat(r.reverseChange()).isFalse();
        assertThat(r.mode()).isEqualTo(ConflictResolutionMode.NO_CHECK_WITH_DHCID);
    }
}
