package io.dhcpsuite.config.expr;

/**
 * What a classification expression can read of a DHCPv6 query; the DHCPv6 server implements it
 * over its decoded packet. Relays are numbered as in Kea's {@code Pkt6::relay_info_}: 0 is the
 * relay closest to the server (the outermost RELAY-FORW), {@code relayCount() - 1} the one
 * closest to the client. Addresses are 16 bytes.
 */
public interface PacketView6 {
    /** The payload of a top-level option of the client's message, or null when absent. */
    byte[] option(int code);

    int messageType();

    /** The 24-bit transaction id. */
    int transactionId();

    /** How many RELAY-FORW layers wrap the client's message (0 for a direct query). */
    int relayCount();

    /** The payload of option {@code code} of relay {@code level}, or null. */
    byte[] relayOption(int level, int code);

    /** The link-address of relay {@code level}; {@code level} is in 0..relayCount()-1. */
    byte[] relayLinkAddress(int level);

    /** The peer-address of relay {@code level}; {@code level} is in 0..relayCount()-1. */
    byte[] relayPeerAddress(int level);

    /** Destination address of the query. */
    byte[] localAddress();

    /** Source address of the query. */
    byte[] remoteAddress();

    /** Total length of the query in bytes. */
    int length();

    /** The name of the interface the query arrived on ({@code pkt.iface}). */
    String interfaceName();
}
