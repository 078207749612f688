package io.dhcpsuite.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Client Link-Layer Address option, 79 (RFC 6939 §4), which a first-hop relay adds: the IANA
 * hardware type and the client's link-layer address, the one hardware address a DHCPv6 server can
 * learn without parsing the DUID.
 */
public record ClientLinkLayerAddress(int hardwareType, byte[] address) {

    public ClientLinkLayerAddress {
        if (hardwareType < 0 || hardwareType > 0xFFFF) {
            throw new IllegalArgumentException("hardware type " + hardwareType + " is not in 0..65535");
        }
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** Kea's text form of the address ("0a:0b:0c:0d:0e:0f"). */
    public String addressHex() {
        return HexFormat.ofDelimiter(":").formatHex(address);
    }

    public Dhcp6Option toOption() {
        byte[] d = new byte[2 + address.length];
        Dhcp6Options.putU16(d, 0, hardwareType);
        System.arraycopy(address, 0, d, 2, address.length);
        return new Dhcp6Option(OptionCodes6.CLIENT_LINKLAYER_ADDR, d);
    }

    /**
     * The address of an option 79, or {@code null} if it is shorter than the hardware type: Kea
     * defines the option as binary, so a short one does not make the packet malformed.
     */
    public static ClientLinkLayerAddress from(Dhcp6Option o) {
        byte[] d = o.raw();
        return d.length < 2 ? null : new ClientLinkLayerAddress(Dhcp6Options.u16(d, 0), Arrays.copyOfRange(d, 2, d.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientLinkLayerAddress other && other.hardwareType == hardwareType
                && Arrays.equals(other.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * hardwareType + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "client-linklayer-addr type " + hardwareType + " " + addressHex();
    }
}
