package io.dhcpsuite.api.ddns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of NCR framing and JSON (docs/reliability.md), what ddns-service reads
 * from its UDP socket: any datagram is an NCR or a {@link NcrFormatException} naming what is
 * wrong (ddns-service counts and drops it); an accepted NCR re-encodes to itself. Seeds: Kea's
 * documented example NCR as framed datagrams, in NcrFuzzTestInputs/.
 */
class NcrFuzzTest {
    /** The 2-byte length prefix bounds an NCR to 65535 bytes of JSON. */
    static final int MAX_DATAGRAM = 2 + 0xffff;

    @FuzzTest(maxDuration = "5m")
    void datagramFailsClosed(byte[] input) {
        if (input.length > MAX_DATAGRAM) {
            return;
        }
        Ncr ncr;
        try {
            ncr = NcrCodec.fromDatagram(input, 0, input.length);
        } catch (NcrFormatException expected) {
            return;
        }
        byte[] again = NcrCodec.toDatagram(ncr);
        assertThat(NcrCodec.fromDatagram(again, 0, again.length)).isEqualTo(ncr);
    }
}
