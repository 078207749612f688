package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.dhcp.options.ClientNames;

/**
 * Option 39, the client FQDN (RFC 4704), in SOLICIT, REQUEST, RENEW and REBIND, as kea-dhcp6's
 * processClientFqdn: the server's S/N/O flags and the name to store, decided with the DDNS
 * parameters of the selected subnet (see {@link ClientNames#process6}). The reply carries the
 * answer whenever the client sent option 39; the lease step stores the name and directions.
 */
final class ClientFqdnHandler6 implements Handler6 {
    private final Dhcp6Settings settings;
    private final ClientNames names = new ClientNames();

    ClientFqdnHandler6(Dhcp6Settings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome6 handle(Exchange6 ex) {
        switch (ex.type) {
            case SOLICIT, REQUEST, RENEW, REBIND -> {
            }
            default -> {
                return Outcome6.CONTINUE;
            }
        }
        Dhcp6Config config = settings.config();
        DdnsParams p = ex.subnet != null ? ex.subnet.ddns() : config.ddns();
        String reserved = ex.host == null ? null : ex.host.hostname();
        ex.names = names.process6(p, config.ddnsEnabled(p), ex.query.clientFqdn(), reserved);
        return Outcome6.CONTINUE;
    }
}
