package io.dhcpsuite.ddns.transaction;

import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.config.d2.D2Config;
import io.dhcpsuite.config.d2.D2Config.DdnsDomain;
import io.dhcpsuite.config.d2.D2Config.TsigKey;
import io.dhcpsuite.ddns.dns.DnsServerTarget;
import io.dhcpsuite.ddns.dns.UpdateSender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Turns an NCR into a transaction, as Kea's {@code D2UpdateMgr::makeTransaction} does: a
 * direction whose domain list is empty is silently dropped from the request; a requested
 * direction with no matching domain drops the whole NCR with an error log
 * ({@code DHCP_DDNS_NO_FWD_MATCH_ERROR} / {@code DHCP_DDNS_NO_REV_MATCH_ERROR}).
 */
public final class TransactionFactory {
    private static final Logger log = LoggerFactory.getLogger(TransactionFactory.class);
    private final DomainMatcher forward;
    private final DomainMatcher reverse;
    private final UpdateSender sender;

    public TransactionFactory(D2Config config, UpdateSender sender) {
        Map<String, TSIG> keys = new HashMap<>();
        config.tsigKeys().values().forEach(k -> keys.put(k.name(), tsig(k)));
        this.forward = new DomainMatcher(zones(config.forwardDomains(), keys));
        this.reverse = new DomainMatcher(zones(config.reverseDomains(), keys));
        this.sender = sender;
    }

    /** The transaction for this NCR, or null when there is nothing to do or no zone matches. */
    public NameChangeTransaction create(Ncr ncr) {
        Name fqdn;
        InetAddress address;
        try {
            fqdn = Name.fromString(ncr.fqdn(), Name.root);
            address = InetAddress.getByName(ncr.ipAddress());
        } catch (TextParseException | UnknownHostException e) {
            log.error("DHCP_DDNS_INVALID_NCR cannot use {}: {}", ncr, e.getMessage());
            return null;
        }
        Name reverseName = ReverseMap.fromAddress(address);
        Zone fwdZone = null;
        Zone revZone = null;
        if (ncr.forwardChange() && forward.enabled()) {
            fwdZone = forward.match(fqdn);
            if (fwdZone == null) {
                log.error("DHCP_DDNS_NO_FWD_MATCH_ERROR no forward domain matches {}; request dropped: {}", fqdn, ncr);
                return null;
            }
        }
        if (ncr.reverseChange() && reverse.enabled()) {
            revZone = reverse.match(reverseName);
            if (revZone == null) {
                log.error("DHCP_DDNS_NO_REV_MATCH_ERROR no reverse domain matches {}; request dropped: {}",
                        reverseName, ncr);
                return null;
            }
        }
        if (fwdZone == null && revZone == null) {
            log.debug("DHCP_DDNS_REQUEST_DROPPED no enabled direction for {}", ncr);
            return null;
        }
        UpdateRequests.Subject subject = new UpdateRequests.Subject(fqdn, address, reverseName,
                HexFormat.of().parseHex(ncr.dhcid()), ncr.leaseLength());
        return new NameChangeTransaction(ncr, subject, fwdZone, revZone, sender);
    }

    static TSIG tsig(TsigKey key) {
        Name algorithm = switch (key.algorithm()) {
            case "HMAC-MD5" -> TSIG.HMAC_MD5;
            case "HMAC-SHA1" -> TSIG.HMAC_SHA1;
            case "HMAC-SHA224" -> TSIG.HMAC_SHA224;
            case "HMAC-SHA256" -> TSIG.HMAC_SHA256;
            case "HMAC-SHA384" -> TSIG.HMAC_SHA384;
            case "HMAC-SHA512" -> TSIG.HMAC_SHA512;
            default -> throw new IllegalArgumentException("TSIG algorithm " + key.algorithm());
        };
        try {
            return new TSIG(algorithm, Name.fromString(key.name(), Name.root), key.secret());
        } catch (TextParseException e) {
            throw new IllegalArgumentException("TSIG key name '" + key.name() + "': " + e.getMessage(), e);
        }
    }

    private static List<Zone> zones(List<DdnsDomain> domains, Map<String, TSIG> keys) {
        return domains.stream().map(d -> {
            List<DnsServerTarget> servers = d.servers().stream().map(s -> new DnsServerTarget(
                    new InetSocketAddress(literal(s.ipAddress()), s.port()), s.keyName(),
                    s.keyName() == null ? null : keys.get(s.keyName()))).toList();
            boolean wildcard = d.name().equals("*");
            try {
                return new Zone(wildcard ? Name.root : Name.fromString(d.name(), Name.root), wildcard, servers);
            } catch (TextParseException e) {
                throw new IllegalArgumentException("domain '" + d.name() + "': " + e.getMessage(), e);
            }
        }).toList();
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
