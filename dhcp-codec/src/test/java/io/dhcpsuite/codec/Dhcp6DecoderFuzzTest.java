package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the DHCPv6 decoder (docs/reliability.md), with the invariant of the
 * DHCPv4 one: any datagram either decodes, and then re-encodes to exactly its own bytes and every
 * typed accessor answers without an exception, or raises {@link MalformedPacketException}. Seeds:
 * the perfdhcp/Kea 2.2 captures in src/test/resources/captures/kea-2.2-perfdhcp6.hex (SARR with
 * IA_NA, relayed, with IA_PD and pd-exclude), copied as files into Dhcp6DecoderFuzzTestInputs/.
 */
class Dhcp6DecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodeFailsClosed(byte[] input) {
        if (input.length > DecoderFuzzTest.MAX_DATAGRAM) {
            return;
        }
        Dhcp6Message m;
        try {
            m = Dhcp6Decoder.decode(input, 0, input.length);
        } catch (MalformedPacketException expected) {
            return;
        }
        // Byte-exact, not just equal after a second decode: nothing is normalised or dropped.
        assertThat(Dhcp6Encoder.encode(m)).isEqualTo(input);
        readEverything(m);
    }

    /** Every typed accessor of a decoded message: well-formed by construction, so none may throw. */
    static void readEverything(Dhcp6Message m) {
        m.clientId();
        m.serverId();
        for (IaNa ia : m.iaNa()) {
            assertThat(ia.toOption()).isIn(m.findAll(OptionCodes6.IA_NA));
            for (IaAddress a : ia.addresses()) {
                assertThat(a.toOption()).isIn(ia.options());
                a.statusCode();
            }
            ia.statusCode();
        }
        for (IaTa ia : m.iaTa()) {
            ia.addresses();
            ia.statusCode();
        }
        for (IaPd ia : m.iaPd()) {
            assertThat(ia.toOption()).isIn(m.findAll(OptionCodes6.IA_PD));
            for (IaPrefix p : ia.prefixes()) {
                assertThat(p.toOption()).isIn(ia.options());
                p.statusCode();
                p.excludedPrefix();
            }
        }
        m.oro();
        m.preference();
        m.elapsedTime();
        m.unicast();
        m.statusCode();
        ClientFqdn6 fqdn = m.clientFqdn();
        if (fqdn != null) {
            // Not byte-exact: the flags' MBZ bits are ignored on receipt (RFC 4704 §4.1).
            assertThat(ClientFqdn6.of(fqdn.toOption())).isEqualTo(fqdn);
        }
        for (VendorClass vc : m.vendorClasses()) {
            assertThat(vc.toOption()).isIn(m.findAll(OptionCodes6.VENDOR_CLASS));
        }
        for (VendorOptions vo : m.vendorOptions()) {
            assertThat(vo.toOption()).isIn(m.findAll(OptionCodes6.VENDOR_OPTS));
        }
        m.userClasses();
        for (Dhcp6Relay r : m.relays()) {
            r.remoteId();
            r.clientLinkLayerAddress();
            r.relaySourcePort();
            r.toReply();
        }
        assertThat(Dhcp6Message.replyTo(m, Dhcp6MessageType.REPLY).build()).isNotNull();
    }

    /**
     * One payload tried as each option the codec interprets: refused with IllegalArgumentException
     * by the builder's check, or accepted, and then its typed value re-encodes to the same payload.
     */
    @FuzzTest(maxDuration = "5m")
    void optionDecodersFailClosed(byte[] data) {
        if (data.length > 4 * 1024) {
            return;
        }
        for (int code : CHECKED) {
            Dhcp6Option o = new Dhcp6Option(code, data);
            try {
                Dhcp6Message.builder().add(o);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            Dhcp6Option again = switch (code) {
                case OptionCodes6.IA_NA -> IaNa.from(o).toOption();
                case OptionCodes6.IA_TA -> IaTa.from(o).toOption();
                case OptionCodes6.IA_PD -> IaPd.from(o).toOption();
                case OptionCodes6.IAADDR -> IaAddress.from(o).toOption();
                case OptionCodes6.IAPREFIX -> IaPrefix.from(o).toOption();
                case OptionCodes6.VENDOR_CLASS -> VendorClass.from(o).toOption();
                case OptionCodes6.VENDOR_OPTS -> VendorOptions.from(o).toOption();
                case OptionCodes6.REMOTE_ID -> RemoteId.from(o).toOption();
                case OptionCodes6.CLIENT_FQDN -> (data[0] & 0xF8) == 0 ? ClientFqdn6.of(o).toOption() : o;
                case OptionCodes6.STATUS_CODE -> validUtf8(data, 2) ? Dhcp6StatusCode.from(o).toOption() : o;
                default -> o;
            };
            assertThat(again).isEqualTo(o);
        }
        try {
            ClientFqdn6 f = ClientFqdn6.decode(data);
            assertThat(ClientFqdn6.decode(f.encode())).isEqualTo(f);
        } catch (MalformedPacketException expected) {
            // the documented failure
        }
        UserClass.items(data);
        ClientLinkLayerAddress.from(new Dhcp6Option(OptionCodes6.CLIENT_LINKLAYER_ADDR, data));
    }

    private static final List<Integer> CHECKED = List.of(OptionCodes6.IA_NA, OptionCodes6.IA_TA,
            OptionCodes6.IA_PD, OptionCodes6.IAADDR, OptionCodes6.IAPREFIX, OptionCodes6.VENDOR_CLASS,
            OptionCodes6.VENDOR_OPTS, OptionCodes6.REMOTE_ID, OptionCodes6.CLIENT_FQDN, OptionCodes6.STATUS_CODE,
            OptionCodes6.CLIENTID, OptionCodes6.PD_EXCLUDE, OptionCodes6.ORO);

    private static boolean validUtf8(byte[] b, int from) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, from, b.length - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
