package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.HexFormat;

/** The Relay Agent Remote-ID option, 37 (RFC 4649 §3): an enterprise number and an opaque id. */
public record RemoteId(long enterpriseNumber, byte[] remoteId) {

    public RemoteId {
        Dhcp6Options.checkU32("enterprise number", enterpriseNumber);
        remoteId = remoteId.clone();
    }

    @Override
    public byte[] remoteId() {
        return remoteId.clone();
    }

    public Dhcp6Option toOption() {
        return new Dhcp6Option(OptionCodes6.REMOTE_ID, VendorOptions.withEnterprise(enterpriseNumber, remoteId));
    }

    /** The remote-id of a well-formed option 37. */
    public static RemoteId from(Dhcp6Option o) {
        Dhcp6Options.validate(o);
        byte[] d = o.raw();
        return new RemoteId(Dhcp6Options.u32(d, 0), Arrays.copyOfRange(d, 4, d.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteId other && other.enterpriseNumber == enterpriseNumber
                && Arrays.equals(other.remoteId, remoteId);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(enterpriseNumber) + Arrays.hashCode(remoteId);
    }

    @Override
    public String toString() {
        return "remote-id " + enterpriseNumber + " " + HexFormat.of().formatHex(remoteId);
    }
}
