package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhcp6MessageTest {

    static Inet6Address a(String text) {
        return Ipv6.address(text);
    }

    static final Duid CLIENT = Duid.llt(1, 850_000_000L, new byte[] {0, 0x0c, 1, 2, 3, 4});
    static final Duid SERVER = Duid.ll(1, new byte[] {0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f});

    @Test
    void buildsReplyToRelayedRequestWithKeasRelayEcho() throws Exception {
        Dhcp6Message request = Dhcp6Message.builder().type(Dhcp6MessageType.REQUEST).transactionId(0xabcdef)
                .clientId(CLIENT).serverId(SERVER).iaNa(new IaNa(7, 0, 0, List.of())).elapsedTime(0)
                .addRelay(new Dhcp6Relay(12, 0, a("2001:db8:1::1"), a("fe80::1"), List.of(
                        new Dhcp6Option(OptionCodes6.REMOTE_ID, Captures.hex("00000de9 0102")),
                        new Dhcp6Option(OptionCodes6.INTERFACE_ID, "eth0".getBytes()),
                        new Dhcp6Option(OptionCodes6.RELAY_SOURCE_PORT, Captures.hex("2043")))))
                .build();

        Dhcp6Message reply = Dhcp6Message.replyTo(request, Dhcp6MessageType.REPLY).serverId(SERVER)
                .iaNa(IaNa.of(7, 1000, 2000, List.of(new IaAddress(a("2001:db8:1::100"), 3000, 4000)), null))
                .build();

        assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(reply.transactionId()).isEqualTo(0xabcdef);
        assertThat(reply.clientId()).isEqualTo(CLIENT);
        assertThat(reply.options()).extracting(Dhcp6Option::code).containsExactly(1, 2, 3);
        Dhcp6Relay layer = reply.relays().get(0);
        assertThat(layer.messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(layer.linkAddress()).isEqualTo(a("2001:db8:1::1"));
        assertThat(layer.peerAddress()).isEqualTo(a("fe80::1"));
        // RFC 8415 §19.3 and RFC 8357 §5.2, as Kea's copyRelayInfo: interface-id and
        // relay-source-port come back, remote-id does not.
        assertThat(layer.options()).extracting(Dhcp6Option::code).containsExactly(18, 135);

        byte[] wire = Dhcp6Encoder.encode(reply);
        assertThat(wire[0]).isEqualTo((byte) 13);
        // relay-msg is written after the echoed options, where Kea writes it.
        assertThat(wire[34 + 8 + 6]).isZero();
        assertThat(wire[34 + 8 + 6 + 1]).isEqualTo((byte) 9);
        Dhcp6Message decoded = Dhcp6Decoder.decode(wire);
        assertThat(decoded).isEqualTo(reply);
        assertThat(decoded.iaNa().get(0).addresses()).containsExactly(new IaAddress(a("2001:db8:1::100"), 3000, 4000));
    }

    @Test
    void buildsAdvertiseWithPrefixAndPdExclude() throws Exception {
        Inet6Address delegated = a("2001:db8:8000::");
        PdExclude exclude = PdExclude.of(delegated, 56, a("2001:db8:8000:ff::"), 64);
        IaPrefix prefix = new IaPrefix(3000, 4000, 56, delegated, List.of(exclude.toOption()));
        Dhcp6Message advertise = Dhcp6Message.builder().type(Dhcp6MessageType.ADVERTISE).transactionId(1)
                .clientId(CLIENT).serverId(SERVER).preference(255)
                .iaPd(IaPd.of(9, 1000, 2000, List.of(prefix), null))
                .iaNa(IaNa.of(8, 0, 0, List.of(), new Dhcp6StatusCode(Dhcp6StatusCode.NO_ADDRS_AVAIL, "none left")))
                .build();

        Dhcp6Message decoded = Dhcp6Decoder.decode(Dhcp6Encoder.encode(advertise));

        assertThat(decoded).isEqualTo(advertise);
        assertThat(decoded.preference()).isEqualTo(255);
        IaPrefix p = decoded.iaPd().get(0).prefixes().get(0);
        assertThat(p.pdExclude()).isEqualTo(exclude);
        assertThat(p.pdExclude().subnetId()).containsExactly(0xff);
        assertThat(p.excludedPrefix()).isEqualTo(a("2001:db8:8000:ff::"));
        Dhcp6StatusCode status = decoded.iaNa().get(0).statusCode();
        assertThat(status.name()).isEqualTo("NoAddrsAvail");
        assertThat(status.message()).isEqualTo("none left");
    }

    @Test
    void refusesBuildingWhatCannotBeSent() {
        Dhcp6Message.Builder b = Dhcp6Message.builder();
        assertThatThrownBy(() -> b.type(12)).hasMessageStartingWith("message type 12 is a relay layer");
        assertThatThrownBy(() -> b.transactionId(0x1000000)).hasMessage("transaction id 16777216 is not in 0..16777215");
        assertThatThrownBy(() -> b.add(OptionCodes6.ELAPSED_TIME, new byte[3]))
                .hasMessage("option 8 (elapsed-time): length 3, expected 2");
        assertThatThrownBy(() -> b.add(OptionCodes6.CLIENTID, new byte[131]))
                .hasMessage("option 1 (clientid): DUID length 131 is not in 3..130");
        assertThatThrownBy(() -> new Dhcp6Relay(12, 0, a("::"), a("::"), List.of(new Dhcp6Option(9, new byte[4]))))
                .hasMessage("relay-msg is the inner message, not one of the relay's options");
        assertThatThrownBy(() -> new Dhcp6Relay(7, 0, a("::"), a("::"), List.of()))
                .hasMessage("relay message type 7 is not 12 or 13");
        assertThatThrownBy(() -> new IaPrefix(1, 2, 56, a("2001:db8::"),
                List.of(new Dhcp6Option(OptionCodes6.PD_EXCLUDE, Captures.hex("30 00")))).toOption())
                .hasMessage("option 67 (pd-exclude) at offset 29: excluded prefix length 48 is not longer than the"
                        + " delegated /56");
        assertThatThrownBy(() -> PdExclude.of(a("2001:db8::"), 56, a("2001:db9::"), 64))
                .hasMessage("excluded prefix 2001:db9::/64 is not inside 2001:db8::/56");
        Dhcp6Message.Builder deep = Dhcp6Message.builder();
        for (int i = 0; i < Dhcp6Message.MAX_RELAYS; i++) {
            deep.addRelay(new Dhcp6Relay(12, i, a("::"), a("::"), List.of()));
        }
        assertThatThrownBy(() -> deep.addRelay(new Dhcp6Relay(12, 0, a("::"), a("::"), List.of())))
                .hasMessage("more than 32 relay layers");
    }

    @Test
    void isImmutable() {
        byte[] data = {0, 1, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8};
        Dhcp6Option o = new Dhcp6Option(OptionCodes6.CLIENTID, data);
        data[5] = 99;
        o.data()[5] = 99;
        Dhcp6Message m = Dhcp6Message.builder().add(o).build();
        m.toBuilder().remove(OptionCodes6.CLIENTID).build();

        assertThat(m.option(OptionCodes6.CLIENTID)[5]).isEqualTo((byte) 2);
        assertThat(m.options()).hasSize(1);
        assertThatThrownBy(() -> m.options().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void setReplacesEveryInstanceAtTheFirstPlace() {
        Dhcp6Message m = Dhcp6Message.builder().add(23, new byte[16]).elapsedTime(1).add(23, new byte[16])
                .set(new Dhcp6Option(23, new byte[32])).build();

        assertThat(m.options()).extracting(Dhcp6Option::code).containsExactly(23, 8);
        assertThat(m.find(23).length()).isEqualTo(32);
    }

    @Test
    void namesTypesAsKeaLogsThem() {
        assertThat(Dhcp6MessageType.of(12).keaName()).isEqualTo("RELAY_FORWARD");
        assertThat(Dhcp6MessageType.INFORMATION_REQUEST.keaName()).isEqualTo("INFORMATION_REQUEST");
        assertThat(Dhcp6MessageType.of(21)).isEqualTo(Dhcp6MessageType.DHCPV4_RESPONSE);
        assertThat(Dhcp6MessageType.of(38)).isNull();
        assertThat(Dhcp6MessageType.RELAY_REPL.isRelay()).isTrue();
    }
}
