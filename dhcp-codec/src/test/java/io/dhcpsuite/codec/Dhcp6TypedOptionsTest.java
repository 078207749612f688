package io.dhcpsuite.codec;

import static io.dhcpsuite.codec.Dhcp6MessageTest.a;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Dhcp6TypedOptionsTest {

    @Test
    void readsTheFourDuidTypes() {
        Duid llt = Duid.fromHex("00:01:00:01:32:a8:ca:03:00:0c:01:02:03:04");
        assertThat(llt.type()).isEqualTo(Duid.Type.LLT);
        assertThat(llt.hardwareType()).isEqualTo(1);
        assertThat(llt.time()).isEqualTo(0x32a8ca03L);
        assertThat(llt.linkLayerAddress()).containsExactly(0, 0x0c, 1, 2, 3, 4);
        assertThat(llt).isEqualTo(Duid.llt(1, 0x32a8ca03L, new byte[] {0, 0x0c, 1, 2, 3, 4}));
        assertThat(llt.enterpriseNumber()).isNull();

        Duid en = Duid.en(2495, new byte[] {1, 2, 3});
        assertThat(en.toHex()).isEqualTo("00:02:00:00:09:bf:01:02:03");
        assertThat(en.enterpriseNumber()).isEqualTo(2495L);
        assertThat(en.identifier()).containsExactly(1, 2, 3);
        assertThat(en.linkLayerAddress()).isNull();

        Duid ll = Duid.fromHex("000300010a0b0c0d0e0f");
        assertThat(ll.type()).isEqualTo(Duid.Type.LL);
        assertThat(ll.hardwareType()).isEqualTo(1);
        assertThat(ll.linkLayerAddress()).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(ll.time()).isNull();

        UUID u = UUID.fromString("12345678-9abc-def0-1234-56789abcdef0");
        Duid uuid = Duid.uuid(u);
        assertThat(uuid.length()).isEqualTo(18);
        assertThat(uuid.type()).isEqualTo(Duid.Type.UUID);
        assertThat(uuid.uuid()).isEqualTo(u);

        // Other types and short layouts are opaque: no field, no exception.
        Duid other = Duid.fromHex("00ff01");
        assertThat(other.type()).isNull();
        assertThat(other.typeCode()).isEqualTo(255);
        assertThat(Duid.fromHex("000100").hardwareType()).isNull();
        assertThat(Duid.fromHex("000400").uuid()).isNull();
        assertThatThrownBy(() -> Duid.fromHex("0001")).hasMessage("DUID length 2 is not in 3..130");
        assertThatThrownBy(() -> Duid.fromHex("zz0102")).hasMessage("'zz0102' is not a hex DUID");
    }

    @Test
    void clientFqdnRoundTripsFullAndPartialNames() throws Exception {
        ClientFqdn6 full = ClientFqdn6.decode(Captures.hex("01 04686f7374 076578616d706c65 036f7267 00"));
        assertThat(full).isEqualTo(new ClientFqdn6(true, false, false, "host.example.org", true));
        assertThat(full.fqdnText()).isEqualTo("host.example.org.");

        ClientFqdn6 partial = ClientFqdn6.decode(Captures.hex("00 04686f7374"));
        assertThat(partial.fullyQualified()).isFalse();
        assertThat(partial.domainName()).isEqualTo("host");

        ClientFqdn6 empty = ClientFqdn6.decode(Captures.hex("04"));
        assertThat(empty).isEqualTo(new ClientFqdn6(false, false, true, "", false));

        for (ClientFqdn6 f : List.of(full, partial, empty, full.withFlags(false, true, true))) {
            assertThat(ClientFqdn6.decode(f.encode())).isEqualTo(f);
        }
        assertThat(full.withFlags(false, true, true).flags()).isEqualTo(0x06);
        assertThatThrownBy(() -> new ClientFqdn6(true, false, true, "a", true))
                .hasMessage("client FQDN flags N and S are both set");
    }

    @Test
    void readsVendorUserAndRelayOptions() {
        VendorClass vc = VendorClass.from(new Dhcp6Option(16, Captures.hex("00001193 0006 646f63736973 0001 41")));
        assertThat(vc.enterpriseNumber()).isEqualTo(4499L);
        assertThat(vc.data()).hasSize(2);
        assertThat(vc.data().get(0)).asString().isEqualTo("docsis");
        assertThat(vc.toOption()).isEqualTo(new Dhcp6Option(16, Captures.hex("00001193 0006 646f63736973 0001 41")));
        assertThat(vc).isEqualTo(new VendorClass(4499, List.of("docsis".getBytes(), "A".getBytes())));

        VendorOptions vo = VendorOptions.from(new Dhcp6Option(17, Captures.hex("00001193 00200002 abcd 00010000")));
        assertThat(vo.enterpriseNumber()).isEqualTo(4499L);
        assertThat(vo.options()).containsExactly(new Dhcp6Option(32, Captures.hex("abcd")), new Dhcp6Option(1, null));
        assertThat(vo.toOption().data()).isEqualTo(Captures.hex("00001193 00200002 abcd 00010000"));

        assertThat(UserClass.items(Captures.hex("0003 616263 0000"))).hasSize(2);
        assertThat(UserClass.items(Captures.hex("0005 6162"))).isNull();
        assertThat(UserClass.toOption(List.of("abc".getBytes())).data()).isEqualTo(Captures.hex("0003616263"));

        RemoteId rid = RemoteId.from(new Dhcp6Option(37, Captures.hex("00000de9 0a0b")));
        assertThat(rid).isEqualTo(new RemoteId(3561, new byte[] {10, 11}));
        assertThat(rid.toOption().data()).isEqualTo(Captures.hex("00000de9 0a0b"));

        ClientLinkLayerAddress lla = ClientLinkLayerAddress.from(new Dhcp6Option(79, Captures.hex("0001 000c01020304")));
        assertThat(lla.hardwareType()).isEqualTo(1);
        assertThat(lla.addressHex()).isEqualTo("00:0c:01:02:03:04");
        assertThat(ClientLinkLayerAddress.from(new Dhcp6Option(79, new byte[1]))).isNull();
    }

    @Test
    void pdExcludeComputesTheSubnetIdBitByBit() {
        // RFC 6603 §4.2: /60 delegated, /62 excluded: one octet with two significant bits.
        PdExclude x = PdExclude.of(a("2001:db8:0:10::"), 60, a("2001:db8:0:1c::"), 62);
        assertThat(x.prefixLength()).isEqualTo(62);
        assertThat(x.subnetId()).containsExactly(0xc0);
        assertThat(x.excludedPrefix(a("2001:db8:0:10::"), 60)).isEqualTo(a("2001:db8:0:1c::"));
        // /48 to /64: two octets.
        PdExclude y = PdExclude.of(a("2001:db8:1::"), 48, a("2001:db8:1:ab00::"), 64);
        assertThat(y.subnetId()).containsExactly(0xab, 0x00);
        assertThat(y.toOption()).isEqualTo(new Dhcp6Option(67, Captures.hex("40 ab00")));
        assertThatThrownBy(() -> y.excludedPrefix(a("2001:db8:1::"), 56))
                .hasMessage("subnet ID of 2 octets does not fit /56 to /64");
    }

    @Test
    void namesStatusCodes() {
        assertThat(new Dhcp6StatusCode(6, null).name()).isEqualTo("NoPrefixAvail");
        assertThat(new Dhcp6StatusCode(99, "x").name()).isEqualTo("(unknown)");
        assertThat(Dhcp6StatusCode.from(new Dhcp6StatusCode(3, "nöt").toOption()).message()).isEqualTo("nöt");
        assertThat(new Dhcp6StatusCode(0, "").success()).isTrue();
    }
}
