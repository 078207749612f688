package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs: the decoders may only succeed or raise MalformedPacketException,
 * and whatever decodes must re-encode and decode to the same message. Seeded, so a failure
 * reproduces; the failing input is printed as hex.
 */
class FuzzTest {

    private static final int ROUNDS = 300_000;

    @Test
    void decoderOnlyEverThrowsMalformedPacketException() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_d4c9L);
        List<byte[]> seeds = seeds();
        int decoded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = i % 10 == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            if (tryDecode(input)) {
                decoded++;
            }
        }
        // The mutations must keep a good share of inputs valid, or the fuzzing only tests the header checks.
        assertThat(decoded).isGreaterThan(ROUNDS / 10);
    }

    @Test
    void optionDecodersOnlyEverThrowMalformedPacketException() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < ROUNDS / 3; i++) {
            byte[] data = new byte[rnd.nextInt(40)];
            rnd.nextBytes(data);
            if (rnd.nextBoolean() && data.length > 3) {
                data[3] = (byte) rnd.nextInt(8);
            }
            try {
                ClientFqdn f = ClientFqdn.decode(data);
                if (f.e()) {
                    assertThat(ClientFqdn.decode(f.encode())).isEqualTo(f);
                }
            } catch (MalformedPacketException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("ClientFqdn.decode threw " + e + " on " + java.util.HexFormat.of().formatHex(data), e);
            }
            try {
                RelayAgentInfo r = RelayAgentInfo.decode(data);
                assertThat(RelayAgentInfo.of(r.subOptions()).raw()).isEqualTo(data);
            } catch (MalformedPacketException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("RelayAgentInfo.decode threw " + e + " on " + java.util.HexFormat.of().formatHex(data), e);
            }
            for (OptionDefinition def : List.of(StandardOptions4.byName("fqdn"), StandardOptions4.byName("domain-search"),
                    StandardOptions4.byName("classless-static-route"), StandardOptions4.byName("option-6rd"))) {
                String text = OptionDataCodec.format(def, data);
                assertThat(text).isNotNull();
            }
        }
    }

    private static boolean tryDecode(byte[] input) {
        try {
            DhcpMessage m = DhcpDecoder.decode(input, 0, input.length);
            DhcpMessage again = DhcpDecoder.decode(DhcpEncoder.encode(m));
            if (!again.equals(m)) {
                fail("re-encoding changed " + m + " into " + again);
            }
            return true;
        } catch (MalformedPacketException expected) {
            return false;
        } catch (RuntimeException e) {
            fail("decode threw " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
            return false;
        }
    }

    private static List<byte[]> seeds() {
        Map<String, byte[]> captures = Captures.load("kea-2.2-perfdhcp.hex");
        List<byte[]> out = new java.util.ArrayList<>(captures.values());
        byte[] overloaded = DhcpDecoderTest.packet("350101 340103 4d0101 ff");
        System.arraycopy(Captures.hex("0c0466696c65 4d0102 ff"), 0, overloaded, 108, 9);
        System.arraycopy(Captures.hex("0f03616263 4d0103 ff"), 0, overloaded, 44, 9);
        out.add(overloaded);
        return out;
    }

    private static byte[] random(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(600)];
        rnd.nextBytes(b);
        if (b.length >= 240 && rnd.nextBoolean()) {
            Ipv4.toBytes(DhcpDecoder.MAGIC_COOKIE, b, 236);
            b[2] = (byte) rnd.nextInt(17);
        }
        return b;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 2 -> b = Arrays.copyOf(b, b.length + rnd.nextInt(64));
                case 3 -> {
                    // Aim at the option area, where length and code bytes matter most.
                    if (b.length > 240) {
                        b[240 + rnd.nextInt(b.length - 240)] = (byte) rnd.nextInt(256);
                    }
                }
                default -> {
                    if (b.length > 241) {
                        int at = 240 + rnd.nextInt(b.length - 241);
                        b[at] = (byte) (rnd.nextBoolean() ? 52 : 81);
                        b[at + 1] = (byte) rnd.nextInt(8);
                    }
                }
            }
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }
}
