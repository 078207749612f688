package io.dhcpsuite.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the DHCPv6 captures, run by every build (the Jazzer target
 * {@link Dhcp6DecoderFuzzTest} explores further when fuzzing): the decoder may only succeed or
 * raise MalformedPacketException, and whatever decodes re-encodes to its own bytes.
 */
class Dhcp6FuzzTest {

    private static final int ROUNDS = 200_000;

    @Test
    void decoderOnlyEverThrowsMalformedPacketException() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_d6c6L);
        List<byte[]> seeds = new ArrayList<>(Dhcp6CaptureRoundTripTest.CAPTURES.values());
        int decoded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = i % 10 == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            try {
                Dhcp6Message m = Dhcp6Decoder.decode(input, 0, input.length);
                if (!Arrays.equals(Dhcp6Encoder.encode(m), input)) {
                    fail("re-encoding changed " + HexFormat.of().formatHex(input));
                }
                Dhcp6DecoderFuzzTest.readEverything(m);
                decoded++;
            } catch (MalformedPacketException expected) {
                // the documented failure
            } catch (RuntimeException e) {
                fail("decode threw " + e + " on " + HexFormat.of().formatHex(input), e);
            }
        }
        // Mutations must keep a good share valid, or only the framing checks get exercised.
        assertThat(decoded).isGreaterThan(ROUNDS / 10);
    }

    private static byte[] random(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 2 -> b = Arrays.copyOf(b, b.length + rnd.nextInt(32));
                case 3 -> {
                    // A length octet: the low byte of some option's length field.
                    int at = rnd.nextInt(b.length);
                    b[at] = (byte) (b[at] + (rnd.nextBoolean() ? 1 : -1));
                }
                default -> {
                    // An option code the codec interprets, where a code might be.
                    if (b.length > 6) {
                        int at = 4 + rnd.nextInt(b.length - 5);
                        int code = CODES[rnd.nextInt(CODES.length)];
                        b[at] = (byte) (code >>> 8);
                        b[at + 1] = (byte) code;
                    }
                }
            }
        }
        return b;
    }

    private static final int[] CODES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 16, 17, 25, 26, 37, 39, 67};
}
