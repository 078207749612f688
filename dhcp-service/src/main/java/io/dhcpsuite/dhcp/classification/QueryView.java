package io.dhcpsuite.dhcp.classification;

import io.dhcpsuite.codec.DhcpMessage;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.RelayAgentInfo;
import io.dhcpsuite.config.expr.PacketView;

/** A decoded query as class expressions see it. */
public final class QueryView implements PacketView {
    private final DhcpMessage query;
    private final RelayAgentInfo rai;
    private final int local;
    private final int remote;
    private final int length;

    public QueryView(DhcpMessage query, RelayAgentInfo rai, int local, int remote, int length) {
        this.query = query;
        this.rai = rai;
        this.local = local;
        this.remote = remote;
        this.length = length;
    }

    @Override
    public byte[] option(int code) {
        return query.option(code);
    }

    @Override
    public byte[] relayAgentSubOption(int code) {
        return rai == null ? null : rai.subOption(code);
    }

    @Override
    public byte[] hwAddress() {
        return query.hwAddress();
    }

    @Override
    public int hwType() {
        return query.htype();
    }

    @Override
    public int hlen() {
        return query.hlen();
    }

    @Override
    public int messageType() {
        MessageType t = query.messageType();
        return t == null ? 0 : t.code();
    }

    @Override
    public int transactionId() {
        return query.xid();
    }

    @Override
    public int giaddr() {
        return query.giaddr();
    }

    @Override
    public int ciaddr() {
        return query.ciaddr();
    }

    @Override
    public int yiaddr() {
        return query.yiaddr();
    }

    @Override
    public int siaddr() {
        return query.siaddr();
    }

    @Override
    public int localAddress() {
        return local;
    }

    @Override
    public int remoteAddress() {
        return remote;
    }

    @Override
    public int length() {
        return length;
    }
}
