package io.dhcpsuite.dhcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacedSenderTest {

    @Test
    void spreadsABurstButDeliversEveryReplyInOrder() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open();
             DatagramChannel socket = DatagramChannel.open()) {
            receiver.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            int count = 500;
            try (PacedSender sender = new PacedSender(socket, "test")) {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    sender.send(ByteBuffer.allocate(4).putInt(0, i), to);
                }
                ByteBuffer buf = ByteBuffer.allocate(16);
                for (int i = 0; i < count; i++) {
                    buf.clear();
                    receiver.receive(buf);
                    assertThat(buf.getInt(0)).isEqualTo(i);
                }
                long elapsed = System.nanoTime() - start;
                // Beyond the first BURST, replies leave no faster than RATE per second.
                long floor = TimeUnit.SECONDS.toNanos(count - PacedSender.BURST) / PacedSender.RATE;
                assertThat(elapsed).isGreaterThanOrEqualTo(floor - TimeUnit.MILLISECONDS.toNanos(1));
                assertThat(sender.dropped()).isZero();
            }
        }
    }
}
