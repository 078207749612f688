package io.dhcpsuite.codec;

import static io.dhcpsuite.codec.Dhcp6MessageTest.a;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real packets from perfdhcp -6 and Kea 2.2 (src/test/resources/captures/kea-2.2-perfdhcp6.hex). */
class Dhcp6CaptureRoundTripTest {

    static final Map<String, byte[]> CAPTURES = Captures.load("kea-2.2-perfdhcp6.hex");

    static Dhcp6Message decode(String name) throws MalformedPacketException {
        return Dhcp6Decoder.decode(CAPTURES.get(name));
    }

    static final Duid KEA_SERVER = Duid.llt(1, 700_000_000L, new byte[] {0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f});

    @Test
    void decodesPerfdhcpSolicit() throws Exception {
        Dhcp6Message m = decode("na-solicit");

        assertThat(m.messageType()).isEqualTo(Dhcp6MessageType.SOLICIT);
        assertThat(m.transactionId()).isZero();
        assertThat(m.relayed()).isFalse();
        assertThat(m.options()).extracting(Dhcp6Option::code).containsExactly(1, 3, 6, 8);
        assertThat(m.clientId().type()).isEqualTo(Duid.Type.LLT);
        assertThat(m.clientId().linkLayerAddress()).containsExactly(0, 0x0c, 1, 2, 3, 4);
        assertThat(m.iaNa()).singleElement().satisfies(ia -> {
            assertThat(ia.iaid()).isEqualTo(1);
            assertThat(ia.t1()).isEqualTo(3600);
            assertThat(ia.t2()).isEqualTo(5400);
            assertThat(ia.addresses()).isEmpty();
        });
        assertThat(m.oro()).containsExactly(23, 24);
        assertThat(m.elapsedTime()).isZero();
    }

    @Test
    void decodesKeaReplyWithAddress() throws Exception {
        Dhcp6Message m = decode("na-reply");

        assertThat(m.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(m.transactionId()).isEqualTo(1);
        assertThat(m.serverId()).isEqualTo(KEA_SERVER);
        assertThat(m.clientId()).isEqualTo(decode("na-request").clientId());
        IaAddress address = m.iaNa().get(0).addresses().get(0);
        assertThat(address.address()).isEqualTo(a("2001:db8:1::100"));
        assertThat(address.preferredLifetime()).isEqualTo(3000);
        assertThat(address.validLifetime()).isEqualTo(4000);
        assertThat(m.iaNa().get(0).t1()).isEqualTo(1000);
        assertThat(m.iaNa().get(0).t2()).isEqualTo(2000);
        // perfdhcp's REQUEST has no ORO, so Kea sends the configured options in the ADVERTISE only.
        assertThat(m.hasOption(OptionCodes6.DNS_SERVERS)).isFalse();
        Dhcp6Message advertise = decode("na-advertise");
        assertThat(OptionDataCodec.format(StandardOptions6.byName("dns-servers"),
                advertise.option(OptionCodes6.DNS_SERVERS))).isEqualTo("2001:db8:1::53, 2001:db8:1::54");
        assertThat(OptionDataCodec.format(StandardOptions6.byName("domain-search"),
                advertise.option(OptionCodes6.DOMAIN_SEARCH))).isEqualTo("example.org.");
    }

    @Test
    void decodesRelayedExchange() throws Exception {
        Dhcp6Message forw = decode("relay-request");
        Dhcp6Message repl = decode("relay-reply");

        assertThat(forw.relays()).singleElement().satisfies(r -> {
            assertThat(r.messageType()).isEqualTo(Dhcp6MessageType.RELAY_FORW);
            assertThat(r.hopCount()).isZero();
            assertThat(r.linkAddress()).isEqualTo(a("fe80::7cb7:32ff:feca:42b8"));
            assertThat(r.peerAddress()).isEqualTo(a("fe80::7cb7:32ff:feca:42b8"));
            assertThat(r.options()).isEmpty();
        });
        assertThat(forw.messageType()).isEqualTo(Dhcp6MessageType.REQUEST);
        assertThat(repl.relays().get(0).messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(repl.messageType()).isEqualTo(Dhcp6MessageType.REPLY);
        // What the codec builds as the answer to Kea's own input is what Kea sent, byte for byte,
        // once the same options are in: the relay layer and the message header agree with Kea.
        Dhcp6Message.Builder ours = Dhcp6Message.replyTo(forw, Dhcp6MessageType.REPLY);
        for (Dhcp6Option o : repl.options()) {
            if (o.code() != OptionCodes6.CLIENTID) {
                ours.add(o);
            }
        }
        assertThat(Dhcp6Encoder.encode(ours.build())).isEqualTo(CAPTURES.get("relay-reply"));
    }

    @Test
    void decodesDelegatedPrefixWithPdExclude() throws Exception {
        Dhcp6Message solicit = decode("pdx-solicit");
        Dhcp6Message reply = decode("pdx-reply");

        // perfdhcp -o 6,... adds a second ORO next to its own: repeats are kept, in order.
        assertThat(solicit.findAll(OptionCodes6.ORO)).hasSize(2);
        assertThat(solicit.oro()).containsExactly(23, 24);
        assertThat(solicit.findAll(OptionCodes6.ORO).get(1).data()).containsExactly(0, 23, 0, 24, 0, 67);
        IaPrefix prefix = reply.iaPd().get(0).prefixes().get(0);
        assertThat(prefix.prefix()).isEqualTo(a("2001:db8:8000::"));
        assertThat(prefix.prefixLength()).isEqualTo(56);
        assertThat(prefix.pdExclude().prefixLength()).isEqualTo(64);
        assertThat(prefix.pdExclude().subnetId()).containsExactly(0xff);
        assertThat(prefix.excludedPrefix()).isEqualTo(a("2001:db8:8000:ff::"));
        assertThat(decode("pd-reply").iaPd().get(0).prefixes().get(0).pdExclude()).isNull();
    }

    @Test
    void reencodesEveryCaptureByteForByte() throws Exception {
        assertThat(CAPTURES).hasSize(16);
        for (Map.Entry<String, byte[]> e : CAPTURES.entrySet()) {
            Dhcp6Message m = Dhcp6Decoder.decode(e.getValue());

            assertThat(Dhcp6Encoder.encode(m)).as(e.getKey()).isEqualTo(e.getValue());
            Dhcp6DecoderFuzzTest.readEverything(m);
        }
    }

    @Test
    void rebuildsKeasPdReplyFromTypedValues() throws Exception {
        Dhcp6Message kea = decode("pdx-reply");
        IaPd pd = kea.iaPd().get(0);
        IaPrefix p = pd.prefixes().get(0);
        IaPd rebuilt = IaPd.of(pd.iaid(), pd.t1(), pd.t2(), java.util.List.of(new IaPrefix(p.preferredLifetime(),
                p.validLifetime(), 56, a("2001:db8:8000::"), java.util.List.of(
                        PdExclude.of(a("2001:db8:8000::"), 56, a("2001:db8:8000:ff::"), 64).toOption()))), null);

        assertThat(rebuilt.toOption()).isEqualTo(kea.find(OptionCodes6.IA_PD));
    }

    @Test
    void encodesIntoCallerBufferAtOffset() throws Exception {
        Dhcp6Message m = decode("relay-advertise");
        byte[] buf = new byte[1500];

        int n = Dhcp6Encoder.encode(m, buf, 100);

        assertThat(n).isEqualTo(CAPTURES.get("relay-advertise").length);
        assertThat(Dhcp6Decoder.decode(buf, 100, n)).isEqualTo(m);
    }
}
