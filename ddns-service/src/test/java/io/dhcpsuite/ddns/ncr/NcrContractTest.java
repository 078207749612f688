package io.dhcpsuite.ddns.ncr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.Dhcid;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The NCR wire contract (suite-api's Ncr, NcrCodec, Dhcid) as Kea's D2 and DHCP servers speak it. */
class NcrContractTest {
    /** Kea's documented example NCR (Kea ARM, "NCR format"), as a Kea DHCP server sends it. */
    static final String KEA_EXAMPLE = """
            {"change-type":0,"forward-change":true,"reverse-change":true,"fqdn":"myhost.example.com.",
             "ip-address":"192.0.2.10","dhcid":"000101C7AA8E9B0C2A4D3CB6DD8C1E4A0A43B4C1A26B59AE4B4F43E8F0C7E25A05DCB9",
             "lease-expires-on":"20250101120000","lease-length":1200,"conflict-resolution-mode":"check-with-dhcid"}""";

    @Test
    void decodesKeasExample() {
        Ncr ncr = NcrCodec.fromJson(KEA_EXAMPLE);
        assertThat(ncr.isAdd()).isTrue();
        assertThat(ncr.fqdn()).isEqualTo("myhost.example.com.");
        assertThat(ncr.leaseLength()).isEqualTo(1200);
        assertThat(ncr.mode()).isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
    }

    @Test
    void datagramIsTwoByteBigEndianLengthThenJson() {
        Ncr ncr = Ncr.remove(true, false, "host.example.org", "198.18.0.5", new byte[] {0, 1, 1, 2},
                Instant.parse("2025-01-01T12:00:00Z"), 600, ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID);
        byte[] datagram = NcrCodec.toDatagram(ncr);
        int length = ((datagram[0] & 0xff) << 8) | (datagram[1] & 0xff);
        assertThat(length).isEqualTo(datagram.length - 2);
        String json = new String(datagram, 2, length, StandardCharsets.UTF_8);
        assertThat(json).contains("\"change-type\":1", "\"fqdn\":\"host.example.org.\"", "\"dhcid\":\"00010102\"",
                "\"lease-expires-on\":\"20250101120000\"", "\"lease-length\":600",
                "\"use-conflict-resolution\":false", "\"conflict-resolution-mode\":\"no-check-without-dhcid\"");
        assertThat(NcrCodec.fromDatagram(datagram, 0, datagram.length)).isEqualTo(ncr);
    }

    @Test
    void legacyBooleanSelectsTheModeAndTheStringWins() {
        String base = KEA_EXAMPLE.replace(",\"conflict-resolution-mode\":\"check-with-dhcid\"", "");
        assertThat(NcrCodec.fromJson(base).mode()).isEqualTo(ConflictResolutionMode.CHECK_WITH_DHCID);
        String legacyOff = base.replace("\"lease-length\":1200", "\"lease-length\":1200,\"use-conflict-resolution\":false");
        assertThat(NcrCodec.fromJson(legacyOff).mode()).isEqualTo(ConflictResolutionMode.NO_CHECK_WITH_DHCID);
        String both = legacyOff.replace("\"lease-length\":1200",
                "\"lease-length\":1200,\"conflict-resolution-mode\":\"check-exists-with-dhcid\"");
        assertThat(NcrCodec.fromJson(both).mode()).isEqualTo(ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID);
    }

    @Test
    void addsTheTrailingDotAndIgnoresUnknownFields() {
        Ncr ncr = NcrCodec.fromJson(KEA_EXAMPLE.replace("myhost.example.com.", "myhost.example.com")
                .replace("\"lease-length\"", "\"future-field\":1,\"lease-length\""));
        assertThat(ncr.fqdn()).isEqualTo("myhost.example.com.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"change-type\":0|\"change-type\":2|change-type",
        "\"change-type\":0|\"change-type\":\"add\"|change-type",
        "\"forward-change\":true|\"forward-change\":\"yes\"|forward-change",
        "\"forward-change\":true,\"reverse-change\":true|\"forward-change\":false,\"reverse-change\":false|forward-change",
        "\"fqdn\":\"myhost.example.com.\"|\"fqdn\":\"\"|fqdn",
        "\"fqdn\":\"myhost.example.com.\"|\"fqdn\":\"a..b.\"|fqdn",
        "\"ip-address\":\"192.0.2.10\"|\"ip-address\":\"192.0.2.300\"|ip-address",
        "\"ip-address\":\"192.0.2.10\"|\"ip-address\":\"host.example.com\"|ip-address",
        "\"dhcid\":\"000101C7|\"dhcid\":\"ZZ0101C7|dhcid",
        "\"lease-expires-on\":\"20250101120000\"|\"lease-expires-on\":\"2025-01-01\"|lease-expires-on",
        "\"lease-length\":1200|\"lease-length\":-1|lease-length",
        "\"conflict-resolution-mode\":\"check-with-dhcid\"|\"conflict-resolution-mode\":\"maybe\"|conflict-resolution-mode",
    })
    void refusesWhatKeaRefusesNamingTheField(String from, String to, String field) {
        String json = KEA_EXAMPLE.replace(from, to);
        assertThat(json).isNotEqualTo(KEA_EXAMPLE);
        assertThatThrownBy(() -> NcrCodec.fromJson(json))
                .isInstanceOf(NcrFormatException.class)
                .hasMessageStartingWith(field + ": ")
                .extracting(e -> ((NcrFormatException) e).field()).isEqualTo(field);
    }

    @Test
    void refusesAMissingFieldAndBrokenFraming() {
        assertThatThrownBy(() -> NcrCodec.fromJson(KEA_EXAMPLE.replace("\"dhcid\":", "\"dhcid-x\":")))
                .hasMessage("dhcid: missing");
        assertThatThrownBy(() -> NcrCodec.fromJson("[1]")).hasMessage("an NCR must be a JSON map");
        assertThatThrownBy(() -> NcrCodec.fromDatagram(new byte[] {0}, 0, 1))
                .hasMessageContaining("shorter than the 2-byte length");
        assertThatThrownBy(() -> NcrCodec.fromDatagram(new byte[] {0, 9, '{', '}'}, 0, 4))
                .hasMessage("length prefix 9 exceeds the 2 bytes that follow it");
    }

    // RFC 4701 section 3.6 examples: identifier types 2, 1 and 0.
    @Test
    void dhcidMatchesRfc4701ExampleForADuid() {
        byte[] duid = HexFormat.ofDelimiter(":").parseHex("00:01:00:06:41:2d:f1:66:01:02:03:04:05:06");
        assertThat(Base64.getEncoder().encodeToString(Dhcid.fromDuid(duid, "chi6.example.com")))
                .isEqualTo("AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=");
    }

    @Test
    void dhcidMatchesRfc4701ExampleForAClientIdentifier() {
        byte[] clientId = HexFormat.ofDelimiter(":").parseHex("01:07:08:09:0a:0b:0c");
        assertThat(Base64.getEncoder().encodeToString(Dhcid.fromClientId(clientId, "chi.example.com.")))
                .isEqualTo("AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=");
    }

    @Test
    void dhcidMatchesRfc4701ExampleForAHardwareAddress() {
        byte[] mac = HexFormat.ofDelimiter(":").parseHex("01:02:03:04:05:06");
        assertThat(Base64.getEncoder().encodeToString(Dhcid.fromHwAddress(1, mac, "client.example.com.")))
                .isEqualTo("AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY=");
    }

    @Test
    void dhcidOfAnRfc4361ClientIdUsesTheEmbeddedDuidAndIgnoresCase() {
        byte[] duid = HexFormat.of().parseHex("000100064120f16601020304");
        byte[] clientId = HexFormat.of().parseHex("ff00000001" + "000100064120f16601020304");
        assertThat(Dhcid.fromClientId(clientId, "Host.Example.org")).isEqualTo(Dhcid.fromDuid(duid, "host.example.org."));
    }
}
