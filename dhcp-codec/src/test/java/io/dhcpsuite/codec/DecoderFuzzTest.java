package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the DHCPv4 decoder (docs/reliability.md). The invariant is the one the
 * server relies on to count and drop (pkt4-parse-failed): any datagram either decodes, and then
 * re-encodes to a message that decodes equal, or raises {@link MalformedPacketException}; never
 * another exception. Seeds: the Kea 2.2/perfdhcp captures in src/test/resources/captures, copied
 * as files into DecoderFuzzTestInputs/ (Jazzer's corpus layout) so a plain {@code mvn test} replays them.
 */
class DecoderFuzzTest {
    /** The largest UDP payload: the socket never hands the decoder more. */
    static final int MAX_DATAGRAM = 65_507;

    @FuzzTest(maxDuration = "5m")
    void decodeFailsClosed(byte[] input) {
        if (input.length > MAX_DATAGRAM) {
            return;
        }
        DhcpMessage m;
        try {
            m = DhcpDecoder.decode(input, 0, input.length);
        } catch (MalformedPacketException expected) {
            return;
        }
        DhcpMessage again;
        try {
            again = DhcpDecoder.decode(DhcpEncoder.encode(m));
        } catch (MalformedPacketException e) {
            throw new AssertionError("re-encoding of a decoded message does not decode: " + m, e);
        }
        assertThat(again).isEqualTo(m);
    }

    /**
     * The option decoders that take apart an option's payload (FQDN, relay agent information, the
     * typed formats shown in lease and log text): MalformedPacketException or a value, nothing else.
     */
    @FuzzTest(maxDuration = "5m")
    void optionDecodersFailClosed(byte[] data) {
        if (data.length > 255 * 4) {
            return;
        }
        try {
            ClientFqdn f = ClientFqdn.decode(data);
            if (f.e()) {
                assertThat(ClientFqdn.decode(f.encode())).isEqualTo(f);
            }
        } catch (MalformedPacketException expected) {
            // the documented failure
        }
        try {
            RelayAgentInfo r = RelayAgentInfo.decode(data);
            assertThat(RelayAgentInfo.of(r.subOptions()).raw()).isEqualTo(data);
        } catch (MalformedPacketException expected) {
            // the documented failure
        }
        for (OptionDefinition def : FORMATTED) {
            assertThat(OptionDataCodec.format(def, data)).isNotNull();
        }
    }

    private static final List<OptionDefinition> FORMATTED = List.of(StandardOptions4.byName("fqdn"),
            StandardOptions4.byName("domain-search"), StandardOptions4.byName("classless-static-route"),
            StandardOptions4.byName("option-6rd"), StandardOptions4.byName("routers"),
            StandardOptions4.byName("host-name"), StandardOptions4.byName("dhcp-lease-time"));
}
