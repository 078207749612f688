package io.dhcpsuite.api.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The DDNS side of the published defects (docs/reliability.md has the whole table): what
 * ddns-service reads from its NCR socket is refused with an NcrFormatException naming the
 * problem, which ddns-service counts and drops.
 */
class NcrCveRegressionTest {
    private static final String KEA_EXAMPLE = """
            {"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"%s",
             "ip-address":"192.0.2.10","dhcid":"000101C7AA8E9B0C2A4D3CB6DD8C1E4A0A43B4C1A26B59AE4B4F43E8F0C7E25A05DCB9",
             "lease-expires-on":"20250101120000","lease-length":1200}""";

    /** CVE-2026-3608 (deeply nested brackets) on the NCR socket: refused by the nesting limit. */
    @Test
    void cve_2026_3608_deeplyNestedNcrIsRefused() {
        String deep = "{\"fqdn\": " + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        byte[] json = deep.getBytes(StandardCharsets.UTF_8);
        byte[] datagram = new byte[json.length + 2];
        datagram[0] = (byte) (json.length >> 8);
        datagram[1] = (byte) json.length;
        System.arraycopy(json, 0, datagram, 2, json.length);
        assertThatThrownBy(() -> NcrCodec.fromDatagram(datagram, 0, datagram.length))
                .isInstanceOf(NcrFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    /**
     * CVE-2026-2291 (maximum-length domain names): 253 characters (255 octets in wire form) is the
     * longest name an NCR may carry and is accepted; one character more, or a label over 63 octets
     * (CVE-2022-2929), is refused.
     */
    @Test
    void cve_2026_2291_longestLegalNameIsAcceptedAndLongerIsRefused() {
        String longest = ("a".repeat(63) + ".").repeat(3) + "b".repeat(61) + ".";
        assertThat(longest.length()).isEqualTo(254);
        assertThat(NcrCodec.fromJson(KEA_EXAMPLE.formatted(longest)).fqdn()).isEqualTo(longest);

        String tooLong = "c" + longest;
        assertThatThrownBy(() -> NcrCodec.fromJson(KEA_EXAMPLE.formatted(tooLong)))
                .isInstanceOf(NcrFormatException.class).hasMessageContaining("longer than 255 bytes");
        String longLabel = "a".repeat(64) + ".example.org.";
        assertThatThrownBy(() -> NcrCodec.fromJson(KEA_EXAMPLE.formatted(longLabel)))
                .isInstanceOf(NcrFormatException.class).hasMessageContaining("invalid label");
    }
}
