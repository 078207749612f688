package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.DdnsParams;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Subnet4;

/**
 * Options 81 and 12 (see {@link io.dhcpsuite.dhcp.options.ClientNames}); DISCOVER and REQUEST
 * only. The DDNS parameters are those of the pool of the address the client asks for (a REQUEST
 * gets that address or a NAK, so they are the lease's), else of the selected subnet, else global.
 */
final class ClientNameHandler implements Handler {
    private final ServerSettings settings;

    ClientNameHandler(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if ((ex.type != MessageType.DISCOVER && ex.type != MessageType.REQUEST) || ex.replyType == MessageType.NAK) {
            return Outcome.CONTINUE;
        }
        DdnsParams params = params(ex);
        Dhcp4Config config = settings.config();
        boolean enabled = config != null && config.ddnsEnabled(params);
        String reserved = ex.host == null ? null : ex.host.reservation().hostname();
        ex.names = settings.names().process(params, enabled, ex.clientFqdn, ex.query.optionString(OptionCodes.HOST_NAME),
                asked(ex.query.option(OptionCodes.PARAMETER_REQUEST_LIST), OptionCodes.HOST_NAME), reserved);
        return Outcome.CONTINUE;
    }

    private DdnsParams params(Exchange ex) {
        Dhcp4Config config = settings.config();
        if (config == null) {
            return DdnsParams.DEFAULTS;
        }
        Subnet4 s = ex.selection == null ? null : ex.selection.subnet();
        if (s == null) {
            return config.ddns();
        }
        Integer requested = ex.query.ciaddr() != 0 ? Integer.valueOf(ex.query.ciaddr())
                : ex.query.optionAddress(OptionCodes.REQUESTED_ADDRESS);
        if (requested != null && s.contains(requested)) {
            return config.ddnsFor(s.id(), requested);
        }
        return s.ddns();
    }

    static boolean asked(byte[] prl, int code) {
        if (prl == null) {
            return false;
        }
        for (byte b : prl) {
            if ((b & 0xFF) == code) {
                return true;
            }
        }
        return false;
    }
}
