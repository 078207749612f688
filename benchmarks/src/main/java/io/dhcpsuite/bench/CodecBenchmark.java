package io.dhcpsuite.bench;

import io.dhcpsuite.codec.DhcpDecoder;
import io.dhcpsuite.codec.DhcpEncoder;
import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MalformedPacketException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode cost of the packets of one DORA, on perfdhcp's REQUEST and Kea's ACK as
 * captured on loopback (dhcp-codec's test fixtures). The packet path does one decode and one
 * encode per message, so these bound what the codec takes of a core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private static final byte[] REQUEST = capture("request");
    private static final byte[] ACK = capture("ack");

    private DhcpMessage ack;
    private final byte[] out = new byte[1500];

    @org.openjdk.jmh.annotations.Setup
    public void setup() throws MalformedPacketException {
        ack = DhcpDecoder.decode(ACK, 0, ACK.length);
    }

    /** A packet of dhcp-codec's capture fixture (copied into this module's resources). */
    private static byte[] capture(String name) {
        try (var in = CodecBenchmark.class.getResourceAsStream("/kea-2.2-perfdhcp.hex")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith(name + " ")) {
                    return HexFormat.of().parseHex(line.substring(name.length() + 1).strip());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no capture named " + name);
    }

    @Benchmark
    public DhcpMessage decodeRequest() throws MalformedPacketException {
        return DhcpDecoder.decode(REQUEST, 0, REQUEST.length);
    }

    @Benchmark
    public int encodeAck() {
        return DhcpEncoder.encode(ack, out, 0);
    }
}
