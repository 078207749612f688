package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DhcpMessageTest {

    @Test
    void arraysGoingInAndOutAreCopies() {
        byte[] data = {1, 2, 3};
        byte[] mac = Captures.hex("aabbccddeeff");
        DhcpMessage m = DhcpMessage.builder().hwAddress(1, mac).option(77, data).build();

        data[0] = 9;
        mac[0] = 9;
        m.option(77)[1] = 9;
        m.options().get(0).data()[2] = 9;
        m.chaddr()[1] = 9;

        assertThat(m.option(77)).containsExactly(1, 2, 3);
        assertThat(m.hwAddressHex()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThatThrownBy(() -> m.options().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hardwareAddressUsesHlenCappedAt16() {
        DhcpMessage none = DhcpMessage.builder().hlen(0).build();
        DhcpMessage over = DhcpMessage.builder().chaddr(new byte[16]).hlen(20).build();

        assertThat(none.hwAddressHex()).isEmpty();
        assertThat(over.hwAddress()).hasSize(16);
    }

    @Test
    void toBuilderRemovesAndAddsOptions() {
        DhcpMessage m = DhcpMessage.builder().messageType(MessageType.REQUEST).option(12, "h".getBytes()).build();

        DhcpMessage changed = m.toBuilder().removeOption(12).messageType(MessageType.ACK).op(2).build();

        assertThat(changed.hasOption(12)).isFalse();
        assertThat(changed.messageType()).isEqualTo(MessageType.ACK);
        assertThat(m.messageType()).isEqualTo(MessageType.REQUEST);
        assertThat(m.hasOption(12)).isTrue();
    }

    @Test
    void builderRefusesOutOfRangeFieldsAndPadEnd() {
        assertThatThrownBy(() -> DhcpMessage.builder().secs(70000).build()).hasMessage("secs 70000 is not in 0..65535");
        assertThatThrownBy(() -> DhcpMessage.builder().hops(256).build()).hasMessage("hops 256 is not in 0..255");
        assertThatThrownBy(() -> DhcpMessage.builder().option(255, new byte[0]))
                .hasMessage("option 255 is PAD/END and carries no data");
        assertThatThrownBy(() -> DhcpMessage.builder().chaddr(new byte[17])).hasMessage("chaddr of 17 bytes exceeds 16");
        assertThatThrownBy(() -> DhcpMessage.builder().sname("x".repeat(64)))
                .hasMessage("sname text of 64 bytes does not fit 63 bytes and a terminating NUL");
    }

    @Test
    void messageTypeLookupAndNames() {
        assertThat(MessageType.of(3)).isEqualTo(MessageType.REQUEST);
        assertThat(MessageType.of(13)).isEqualTo(MessageType.LEASEACTIVE);
        assertThat(MessageType.of(0)).isNull();
        assertThat(MessageType.of(200)).isNull();
        assertThat(MessageType.of(-1)).isNull();
        assertThat(MessageType.DISCOVER.keaName()).isEqualTo("DHCPDISCOVER");
    }
}
