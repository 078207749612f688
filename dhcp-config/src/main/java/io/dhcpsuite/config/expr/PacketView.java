package io.dhcpsuite.config.expr;

/**
 * What a classification expression can read of a DHCPv4 query; dhcp-service implements it over
 * its decoded packet. Addresses are ints as from {@code Ipv4.parse}.
 */
public interface PacketView {
    /** The option's payload, or null when absent. */
    byte[] option(int code);

    /** A sub-option of option 82 (relay4[code]), or null. */
    byte[] relayAgentSubOption(int code);

    byte[] hwAddress();

    int hwType();

    int hlen();

    int messageType();

    int transactionId();

    int giaddr();

    int ciaddr();

    int yiaddr();

    int siaddr();

    /** Address the query arrived on. */
    int localAddress();

    /** Source address of the query. */
    int remoteAddress();

    /** Total length of the query in bytes. */
    int length();
}
