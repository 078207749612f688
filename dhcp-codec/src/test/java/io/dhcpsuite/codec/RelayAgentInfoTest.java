package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayAgentInfoTest {

    // circuit-id "eth0", remote-id 00:0c:01:02:03:04, link-selection 198.18.0.0, unknown 151 (empty)
    private static final String RAI = "0104657468300206000c01020304 0504c6120000 9700";

    @Test
    void decodesSubOptionsInOrder() throws Exception {
        RelayAgentInfo r = RelayAgentInfo.decode(Captures.hex(RAI));

        assertThat(r.subOptions()).extracting(DhcpOption::code).containsExactly(1, 2, 5, 151);
        assertThat(new String(r.circuitId())).isEqualTo("eth0");
        assertThat(r.remoteId()).isEqualTo(Captures.hex("000c01020304"));
        assertThat(Ipv4.format(r.linkSelection())).isEqualTo("198.18.0.0");
        assertThat(r.serverIdOverride()).isNull();
        assertThat(r.encode()).isEqualTo(Captures.hex(RAI));
    }

    @Test
    void serverEchoesOption82Unchanged() throws Exception {
        DhcpMessage request = DhcpDecoder.decode(DhcpDecoderTest.packet("350101 3d0701000c01020304 5216" + RAI + " ff"));

        RelayAgentInfo rai = RelayAgentInfo.decode(request.option(OptionCodes.RELAY_AGENT_INFO));
        DhcpMessage reply = DhcpMessage.builder().op(2).xid(request.xid()).chaddr(request.chaddr())
                .messageType(MessageType.OFFER)
                .option(OptionCodes.RELAY_AGENT_INFO, rai.encode())
                .optionAddress(OptionCodes.SERVER_ID, Ipv4.parse("198.18.0.2"))
                .optionUint32(OptionCodes.LEASE_TIME, 4000)
                .build();
        byte[] wire = DhcpEncoder.encode(reply);

        DhcpMessage back = DhcpDecoder.decode(wire);
        assertThat(back.option(82)).isEqualTo(Captures.hex(RAI));
        assertThat(back.options()).extracting(DhcpOption::code).containsExactly(53, 54, 51, 82);
    }

    @Test
    void buildsFromSubOptions() {
        RelayAgentInfo r = RelayAgentInfo.of(List.of(new DhcpOption(1, "eth0".getBytes()), new DhcpOption(5, Ipv4.toBytes(Ipv4.parse("198.18.0.0")))));

        assertThat(r.raw()).isEqualTo(Captures.hex("010465746830 0504c6120000"));
        assertThat(r.remoteId()).isNull();
    }

    @Test
    void rejectsMalformedSubOptions() {
        assertMalformed("0104657468", "relay agent sub-option 1 length 4 exceeds remaining 3 at offset 0", 0);
        assertMalformed("010165 02", "relay agent sub-option 2 at offset 3 has no length byte", 3);
        assertMalformed("010165 0503c61200", "relay agent sub-option 5 length 3 at offset 3, expected 4", 3);
    }

    private static void assertMalformed(String hex, String message, int offset) {
        assertThatThrownBy(() -> RelayAgentInfo.decode(Captures.hex(hex)))
                .isInstanceOf(MalformedPacketException.class).hasMessage(message)
                .satisfies(e -> assertThat(((MalformedPacketException) e).offset()).isEqualTo(offset));
    }
}
