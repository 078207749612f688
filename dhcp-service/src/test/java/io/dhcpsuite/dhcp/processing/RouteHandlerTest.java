package io.dhcpsuite.dhcp.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 2131 §4.1 reply destinations, one test per case. */
class RouteHandlerTest {
    private static DhcpMessage.Builder q(MessageType t) {
        return TestKit.query(t, "02:00:00:00:00:01", null);
    }

    private static DhcpMessage reply(MessageType t, String yiaddr) {
        return DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).messageType(t)
                .yiaddr(yiaddr == null ? 0 : Ipv4.parse(yiaddr)).build();
    }

    private static String dest(DhcpMessage query, DhcpMessage reply, String remote) {
        InetSocketAddress a = RouteHandler.destination(query, reply, remote == null ? 0 : Ipv4.parse(remote), 67, 68);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Test
    void relayedRepliesGoToGiaddrOnServerPort() {
        DhcpMessage query = q(MessageType.DISCOVER).giaddr(Ipv4.parse("192.0.2.1")).broadcast(true).build();
        assertThat(dest(query, reply(MessageType.OFFER, "198.18.0.10"), "192.0.2.1")).isEqualTo("192.0.2.1:67");
        assertThat(dest(query, reply(MessageType.NAK, null), "192.0.2.1")).isEqualTo("192.0.2.1:67");
    }

    @Test
    void ciaddrIsUnicastOnClientPort() {
        DhcpMessage query = q(MessageType.REQUEST).ciaddr(Ipv4.parse("198.18.0.7")).build();
        assertThat(dest(query, reply(MessageType.ACK, "198.18.0.7"), "198.18.0.7")).isEqualTo("198.18.0.7:68");
    }

    @Test
    void broadcastBitBroadcasts() {
        DhcpMessage query = q(MessageType.DISCOVER).broadcast(true).build();
        assertThat(dest(query, reply(MessageType.OFFER, "198.18.0.10"), null)).isEqualTo("255.255.255.255:68");
    }

    @Test
    void nakWithoutRelayOrCiaddrBroadcasts() {
        DhcpMessage query = q(MessageType.REQUEST).build();
        assertThat(dest(query, reply(MessageType.NAK, null), null)).isEqualTo("255.255.255.255:68");
    }

    @Test
    void unicastToYiaddrOnlyWhereNoArpIsNeeded() {
        DhcpMessage query = q(MessageType.DISCOVER).build();
        assertThat(dest(query, reply(MessageType.OFFER, "127.0.100.5"), null)).isEqualTo("127.0.100.5:68");
        // A UDP socket cannot reach a client that has no address yet: broadcast instead.
        assertThat(dest(query, reply(MessageType.OFFER, "198.18.0.10"), null)).isEqualTo("255.255.255.255:68");
    }

    @Test
    void informGoesToCiaddrElseRelayElseSource() {
        assertThat(dest(q(MessageType.INFORM).ciaddr(Ipv4.parse("198.18.0.9")).giaddr(Ipv4.parse("192.0.2.1")).build(),
                reply(MessageType.ACK, null), "192.0.2.1")).isEqualTo("198.18.0.9:68");
        assertThat(dest(q(MessageType.INFORM).giaddr(Ipv4.parse("192.0.2.1")).build(),
                reply(MessageType.ACK, null), "192.0.2.1")).isEqualTo("192.0.2.1:67");
        assertThat(dest(q(MessageType.INFORM).build(), reply(MessageType.ACK, null), "198.18.0.9"))
                .isEqualTo("198.18.0.9:68");
    }
}
