package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.config.expr.PacketView6;

/** What the classification expressions read of a DHCPv6 exchange. */
final class View6 implements PacketView6 {
    private static final byte[] UNSPECIFIED = new byte[16];
    private final Exchange6 ex;

    View6(Exchange6 ex) {
        this.ex = ex;
    }

    @Override
    public byte[] option(int code) {
        return ex.query.option(code);
    }

    @Override
    public int messageType() {
        return ex.query.type();
    }

    @Override
    public int transactionId() {
        return ex.query.transactionId();
    }

    @Override
    public int relayCount() {
        return ex.query.relays().size();
    }

    @Override
    public byte[] relayOption(int level, int code) {
        return level < 0 || level >= relayCount() ? null : ex.query.relays().get(level).option(code);
    }

    @Override
    public byte[] relayLinkAddress(int level) {
        return ex.query.relays().get(level).linkAddress().getAddress();
    }

    @Override
    public byte[] relayPeerAddress(int level) {
        return ex.query.relays().get(level).peerAddress().getAddress();
    }

    @Override
    public byte[] localAddress() {
        return ex.ingress.localAddress() != null ? ex.ingress.localAddress().clone() : UNSPECIFIED.clone();
    }

    @Override
    public byte[] remoteAddress() {
        return ex.remote == null ? UNSPECIFIED.clone() : ex.remote.getAddress().getAddress();
    }

    @Override
    public int length() {
        return ex.length;
    }

    @Override
    public String interfaceName() {
        return ex.iface == null ? "" : ex.iface;
    }
}
