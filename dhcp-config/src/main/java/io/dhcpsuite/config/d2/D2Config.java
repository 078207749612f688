package io.dhcpsuite.config.d2;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The validated {@code DhcpDdns} section.
 *
 * @param ipAddress        where NCRs are received (Kea default 127.0.0.1)
 * @param port             the NCR port (53001)
 * @param dnsServerTimeout milliseconds to wait for one DNS UPDATE answer (500)
 * @param forwardDomains   forward zones; empty disables forward updates
 * @param reverseDomains   reverse zones (in-addr.arpa / ip6.arpa); empty disables reverse updates
 * @param tsigKeys         keys by name as written in the configuration
 * @param section          the section as written, for config-get (secrets are masked there)
 */
public record D2Config(String ipAddress, int port, int dnsServerTimeout, String ncrProtocol, String ncrFormat,
                       List<DdnsDomain> forwardDomains, List<DdnsDomain> reverseDomains,
                       Map<String, TsigKey> tsigKeys, JsonNode section) {

    /** One zone D2 updates, with the servers to try first to last. */
    public record DdnsDomain(String name, String keyName, List<DnsServer> servers) {
    }

    /** A DNS server of a domain; its {@code key-name} overrides the domain's (Kea 2.0). */
    public record DnsServer(String ipAddress, int port, String keyName) {
    }

    /**
     * A TSIG key.
     *
     * @param algorithm  Kea's spelling, upper case ({@code HMAC-SHA256})
     * @param digestBits 0 for the full MAC; otherwise the truncation Kea would accept
     */
    public record TsigKey(String name, String algorithm, byte[] secret, int digestBits) {
    }
}
