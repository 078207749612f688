package io.dhcpsuite.ddns.dns;

import java.net.InetSocketAddress;
import org.xbill.DNS.TSIG;

/**
 * One configured DNS server with the key that applies to it (server key-name, else the domain's).
 *
 * @param keyName null when updates to this server go unsigned
 */
public record DnsServerTarget(InetSocketAddress address, String keyName, TSIG key) {

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + " port:" + address.getPort()
                + (keyName == null ? "" : " key:" + keyName);
    }
}
