package io.dhcpsuite.ddns.transaction;

import io.dhcpsuite.ddns.dns.DnsServerTarget;
import java.util.List;
import org.xbill.DNS.Name;

/** A configured ddns-domain ready to use: its zone name and its servers with their keys. */
public record Zone(Name name, boolean wildcard, List<DnsServerTarget> servers) {
}
