package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * One relay layer of a DHCPv6 message (RFC 8415 §9): a RELAY-FORW a relay agent wrapped around
 * what it received, or the RELAY-REPL a server wraps around its answer, without the inner message
 * itself. {@link Dhcp6Message#relays()} lists the layers outermost first, as Kea's
 * {@code relay_info_} does, so layer 0 is the relay closest to the server.
 *
 * @param type 12 (RELAY-FORW) or 13 (RELAY-REPL)
 * @param hopCount as sent, 0..255; the codec does not judge it, the server does
 * @param linkAddress the relay's address on the client's link, or :: (RFC 8415 §19.1.1; CVE-2010-3611
 *        was a server that could not take ::)
 * @param peerAddress the address the relay received the inner message from
 * @param options the relay's own options (interface-id, remote-id, ...), without relay-msg
 * @param relayMessageIndex where the relay-msg option stood among {@code options}, so the layer
 *        re-encodes byte for byte; {@code options.size()} (last) for layers built in code, as Kea writes
 */
public record Dhcp6Relay(int type, int hopCount, Inet6Address linkAddress, Inet6Address peerAddress,
                         List<Dhcp6Option> options, int relayMessageIndex) {

    public static final int HEADER_LEN = 34;

    public Dhcp6Relay {
        if (type != Dhcp6MessageType.RELAY_FORW.code() && type != Dhcp6MessageType.RELAY_REPL.code()) {
            throw new IllegalArgumentException("relay message type " + type + " is not 12 or 13");
        }
        if (hopCount < 0 || hopCount > 255) {
            throw new IllegalArgumentException("hop count " + hopCount + " is not in 0..255");
        }
        Objects.requireNonNull(linkAddress, "linkAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
        options = options == null ? List.of() : List.copyOf(options);
        for (Dhcp6Option o : options) {
            if (o.code() == OptionCodes6.RELAY_MSG) {
                throw new IllegalArgumentException("relay-msg is the inner message, not one of the relay's options");
            }
            Dhcp6Options.validate(o);
        }
        if (relayMessageIndex < 0 || relayMessageIndex > options.size()) {
            throw new IllegalArgumentException("relay-msg index " + relayMessageIndex + " is not in 0.."
                    + options.size());
        }
    }

    /** A layer with relay-msg after the options. */
    public Dhcp6Relay(int type, int hopCount, Inet6Address linkAddress, Inet6Address peerAddress,
                      List<Dhcp6Option> options) {
        this(type, hopCount, linkAddress, peerAddress, options, options == null ? 0 : options.size());
    }

    public Dhcp6MessageType messageType() {
        return Dhcp6MessageType.of(type);
    }

    /** The first option {@code code} of this layer, or {@code null}. */
    public Dhcp6Option find(int code) {
        return Dhcp6Options.first(options, code);
    }

    /** A copy of the first option {@code code}'s payload, or {@code null}. */
    public byte[] option(int code) {
        Dhcp6Option o = find(code);
        return o == null ? null : o.data();
    }

    /** Interface-ID (18), which the server echoes in its RELAY-REPL. */
    public byte[] interfaceId() {
        return option(OptionCodes6.INTERFACE_ID);
    }

    /** Remote-ID (37, RFC 4649), or {@code null}. */
    public RemoteId remoteId() {
        Dhcp6Option o = find(OptionCodes6.REMOTE_ID);
        return o == null ? null : RemoteId.from(o);
    }

    /** Subscriber-ID (38, RFC 4580), opaque, or {@code null}. */
    public byte[] subscriberId() {
        return option(OptionCodes6.SUBSCRIBER_ID);
    }

    /** Client link-layer address (79, RFC 6939), or {@code null} if absent or too short. */
    public ClientLinkLayerAddress clientLinkLayerAddress() {
        Dhcp6Option o = find(OptionCodes6.CLIENT_LINKLAYER_ADDR);
        return o == null ? null : ClientLinkLayerAddress.from(o);
    }

    /** Relay source port (135, RFC 8357), or {@code null}. */
    public Integer relaySourcePort() {
        Dhcp6Option o = find(OptionCodes6.RELAY_SOURCE_PORT);
        return o == null ? null : Dhcp6Options.u16(o.raw(), 0);
    }

    /**
     * The RELAY-REPL layer answering this RELAY-FORW, as Kea builds it: same hop count, link and
     * peer address, with the interface-id (RFC 8415 §19.3) and relay-source-port (RFC 8357 §5.2)
     * echoed.
     */
    public Dhcp6Relay toReply() {
        List<Dhcp6Option> echoed = new java.util.ArrayList<>();
        Dhcp6Option id = find(OptionCodes6.INTERFACE_ID);
        if (id != null) {
            echoed.add(id);
        }
        Dhcp6Option port = find(OptionCodes6.RELAY_SOURCE_PORT);
        if (port != null) {
            echoed.add(port);
        }
        return new Dhcp6Relay(Dhcp6MessageType.RELAY_REPL.code(), hopCount, linkAddress, peerAddress, echoed);
    }

    @Override
    public String toString() {
        Dhcp6MessageType t = messageType();
        return t.keaName() + " hop " + hopCount + " link " + Ipv6.format(linkAddress) + " peer "
                + Ipv6.format(peerAddress) + (options.isEmpty() ? "" : " " + options);
    }
}
