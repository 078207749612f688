package io.dhcpsuite.codec;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One DHCPv6 client/server message (RFC 8415 §8) with the relay layers it travelled through
 * (§9), outermost first: the shape Kea's {@code Pkt6} has, so a server reads the client's
 * options and the relays' options from one value and answers by swapping the type. A message
 * without relays is sent as is; with relays, each layer wraps the next in a relay-msg option.
 *
 * <p>Options keep the sender's order and repeats (one IA_NA per IA); options the codec does not
 * interpret are kept byte for byte, so a decoded packet re-encodes to the same bytes. A message
 * only ever holds well-formed options of the kinds {@link Dhcp6Decoder} checks, whether decoded
 * or built, so the typed accessors do not throw.
 *
 * <p>Immutable. {@code type} is any octet except 12 and 13 (types without a name decode too; the
 * server decides what to do with them); {@code transactionId} is 24 bits (for DHCPV4-QUERY and
 * DHCPV4-RESPONSE, RFC 7341 §6, those bits are flags).
 */
public final class Dhcp6Message {

    /** Kea's limit on relay layers (HOP_COUNT_LIMIT in Kea's dhcp6.h). */
    public static final int MAX_RELAYS = 32;

    private final int type;
    private final int transactionId;
    private final List<Dhcp6Option> options;
    private final List<Dhcp6Relay> relays;

    private Dhcp6Message(Builder b) {
        type = b.type;
        transactionId = b.transactionId;
        options = List.copyOf(b.options);
        relays = List.copyOf(b.relays);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for the answer to {@code query}: type {@code type}, the query's transaction id, its
     * clientid echoed (RFC 8415 §18.3) and, for a relayed query, the RELAY-REPL layers of
     * {@link Dhcp6Relay#toReply()}. The server adds its serverid and the rest.
     */
    public static Builder replyTo(Dhcp6Message query, Dhcp6MessageType type) {
        Builder b = builder().type(type).transactionId(query.transactionId);
        Dhcp6Option clientId = query.find(OptionCodes6.CLIENTID);
        if (clientId != null) {
            b.add(clientId);
        }
        for (Dhcp6Relay r : query.relays) {
            b.addRelay(r.toReply());
        }
        return b;
    }

    public int type() {
        return type;
    }

    /** The type, or {@code null} if the octet has no assigned name. */
    public Dhcp6MessageType messageType() {
        return Dhcp6MessageType.of(type);
    }

    public int transactionId() {
        return transactionId;
    }

    /** The options in the sender's order; an unmodifiable list of immutable values. */
    public List<Dhcp6Option> options() {
        return options;
    }

    /** The relay layers, outermost (closest to the server) first; empty if not relayed. */
    public List<Dhcp6Relay> relays() {
        return relays;
    }

    /**
     * The layer Kea's {@code relay6[nest]} names: 0 is the relay closest to the server, -1 the one
     * closest to the client; {@code null} if there is no such layer.
     */
    public Dhcp6Relay relay(int nest) {
        int i = nest >= 0 ? nest : relays.size() + nest;
        return i >= 0 && i < relays.size() ? relays.get(i) : null;
    }

    public boolean relayed() {
        return !relays.isEmpty();
    }

    /** The first option {@code code}, or {@code null}; its payload is read-only. */
    public Dhcp6Option find(int code) {
        return Dhcp6Options.first(options, code);
    }

    /** Every option {@code code}, in order. */
    public List<Dhcp6Option> findAll(int code) {
        return Dhcp6Options.all(options, code);
    }

    /** A copy of the first option {@code code}'s payload, or {@code null}. */
    public byte[] option(int code) {
        Dhcp6Option o = find(code);
        return o == null ? null : o.data();
    }

    public boolean hasOption(int code) {
        return find(code) != null;
    }

    /** Client identifier (1), or {@code null}. */
    public Duid clientId() {
        Dhcp6Option o = find(OptionCodes6.CLIENTID);
        return o == null ? null : Duid.of(o.raw());
    }

    /** Server identifier (2), or {@code null}. */
    public Duid serverId() {
        Dhcp6Option o = find(OptionCodes6.SERVERID);
        return o == null ? null : Duid.of(o.raw());
    }

    public List<IaNa> iaNa() {
        return findAll(OptionCodes6.IA_NA).stream().map(IaNa::from).toList();
    }

    public List<IaTa> iaTa() {
        return findAll(OptionCodes6.IA_TA).stream().map(IaTa::from).toList();
    }

    public List<IaPd> iaPd() {
        return findAll(OptionCodes6.IA_PD).stream().map(IaPd::from).toList();
    }

    /** The option codes the client asked for (ORO, 6), in its order; empty without ORO. */
    public List<Integer> oro() {
        Dhcp6Option o = find(OptionCodes6.ORO);
        if (o == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(o.length() / 2);
        for (int i = 0; i < o.length(); i += 2) {
            out.add(Dhcp6Options.u16(o.raw(), i));
        }
        return List.copyOf(out);
    }

    /** Server preference (7), 0..255, or {@code null}. */
    public Integer preference() {
        Dhcp6Option o = find(OptionCodes6.PREFERENCE);
        return o == null ? null : o.raw()[0] & 0xFF;
    }

    /** Elapsed time (8) in hundredths of a second, or {@code null}. */
    public Integer elapsedTime() {
        Dhcp6Option o = find(OptionCodes6.ELAPSED_TIME);
        return o == null ? null : Dhcp6Options.u16(o.raw(), 0);
    }

    public boolean rapidCommit() {
        return hasOption(OptionCodes6.RAPID_COMMIT);
    }

    public boolean reconfigureAccept() {
        return hasOption(OptionCodes6.RECONF_ACCEPT);
    }

    /** Server unicast address (12), or {@code null}. */
    public Inet6Address unicast() {
        Dhcp6Option o = find(OptionCodes6.UNICAST);
        return o == null ? null : Ipv6.address(o.raw(), 0);
    }

    /** The message-level status code (13), or {@code null}. */
    public Dhcp6StatusCode statusCode() {
        Dhcp6Option o = find(OptionCodes6.STATUS_CODE);
        return o == null ? null : Dhcp6StatusCode.from(o);
    }

    /** Client FQDN (39), or {@code null}. */
    public ClientFqdn6 clientFqdn() {
        Dhcp6Option o = find(OptionCodes6.CLIENT_FQDN);
        return o == null ? null : ClientFqdn6.of(o);
    }

    /** Every vendor class (16), one per enterprise. */
    public List<VendorClass> vendorClasses() {
        return findAll(OptionCodes6.VENDOR_CLASS).stream().map(VendorClass::from).toList();
    }

    /** Every vendor-specific information option (17), one per enterprise. */
    public List<VendorOptions> vendorOptions() {
        return findAll(OptionCodes6.VENDOR_OPTS).stream().map(VendorOptions::from).toList();
    }

    /** The user class items (15), or {@code null} if absent or not well-formed items. */
    public List<byte[]> userClasses() {
        Dhcp6Option o = find(OptionCodes6.USER_CLASS);
        return o == null ? null : UserClass.items(o.raw());
    }

    /** The DHCPv4 packet of a DHCPV4-QUERY or -RESPONSE (option 87, RFC 7341), or {@code null}. */
    public byte[] dhcpv4Message() {
        return option(OptionCodes6.DHCPV4_MSG);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Message m && m.type == type && m.transactionId == transactionId
                && m.options.equals(options) && m.relays.equals(relays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, transactionId, options, relays);
    }

    @Override
    public String toString() {
        Dhcp6MessageType t = messageType();
        StringBuilder sb = new StringBuilder();
        for (Dhcp6Relay r : relays) {
            sb.append(r).append(" > ");
        }
        sb.append(t == null ? "type " + type : t.keaName()).append(" transid 0x")
                .append(String.format("%06x", transactionId)).append(' ').append(options);
        return sb.toString();
    }

    /** Mutable builder; every option is checked as it is added, {@link #build()} checks the rest. */
    public static final class Builder {
        private int type = Dhcp6MessageType.SOLICIT.code();
        private int transactionId;
        private final List<Dhcp6Option> options = new ArrayList<>();
        private final List<Dhcp6Relay> relays = new ArrayList<>();

        private Builder() {
        }

        private Builder(Dhcp6Message m) {
            type = m.type;
            transactionId = m.transactionId;
            options.addAll(m.options);
            relays.addAll(m.relays);
        }

        public Builder type(int type) {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("message type " + type + " is not in 0..255");
            }
            if (type == Dhcp6MessageType.RELAY_FORW.code() || type == Dhcp6MessageType.RELAY_REPL.code()) {
                throw new IllegalArgumentException("message type " + type
                        + " is a relay layer: add it with addRelay around the client or server message");
            }
            this.type = type;
            return this;
        }

        public Builder type(Dhcp6MessageType type) {
            return type(type.code());
        }

        public Builder transactionId(int transactionId) {
            if (transactionId < 0 || transactionId > 0xFF_FFFF) {
                throw new IllegalArgumentException("transaction id " + transactionId + " is not in 0..16777215");
            }
            this.transactionId = transactionId;
            return this;
        }

        /** Appends an option; the same code may be added again (several IAs). */
        public Builder add(Dhcp6Option option) {
            Dhcp6Options.validate(option);
            options.add(option);
            return this;
        }

        public Builder add(int code, byte[] data) {
            return add(new Dhcp6Option(code, data));
        }

        /** Decoder path: the options were validated with the packet. */
        Builder addDecoded(List<Dhcp6Option> decoded) {
            options.addAll(decoded);
            return this;
        }

        /** Replaces every option {@code code} by {@code option}, at the first one's place or last. */
        public Builder set(Dhcp6Option option) {
            Dhcp6Options.validate(option);
            int at = -1;
            for (int i = options.size() - 1; i >= 0; i--) {
                if (options.get(i).code() == option.code()) {
                    options.remove(i);
                    at = i;
                }
            }
            if (at < 0) {
                options.add(option);
            } else {
                options.add(at, option);
            }
            return this;
        }

        public Builder remove(int code) {
            options.removeIf(o -> o.code() == code);
            return this;
        }

        public Builder clearOptions() {
            options.clear();
            return this;
        }

        public Builder clientId(Duid duid) {
            return set(duid.toOption(OptionCodes6.CLIENTID));
        }

        public Builder serverId(Duid duid) {
            return set(duid.toOption(OptionCodes6.SERVERID));
        }

        public Builder iaNa(IaNa ia) {
            return add(ia.toOption());
        }

        public Builder iaTa(IaTa ia) {
            return add(ia.toOption());
        }

        public Builder iaPd(IaPd ia) {
            return add(ia.toOption());
        }

        public Builder statusCode(Dhcp6StatusCode status) {
            return set(status.toOption());
        }

        public Builder oro(int... codes) {
            byte[] d = new byte[codes.length * 2];
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0 || codes[i] > 0xFFFF) {
                    throw new IllegalArgumentException("option code " + codes[i] + " is not in 0..65535");
                }
                Dhcp6Options.putU16(d, 2 * i, codes[i]);
            }
            return set(new Dhcp6Option(OptionCodes6.ORO, d));
        }

        public Builder preference(int preference) {
            if (preference < 0 || preference > 255) {
                throw new IllegalArgumentException("preference " + preference + " is not in 0..255");
            }
            return set(new Dhcp6Option(OptionCodes6.PREFERENCE, new byte[] {(byte) preference}));
        }

        public Builder elapsedTime(int hundredths) {
            if (hundredths < 0 || hundredths > 0xFFFF) {
                throw new IllegalArgumentException("elapsed time " + hundredths + " is not in 0..65535");
            }
            byte[] d = new byte[2];
            Dhcp6Options.putU16(d, 0, hundredths);
            return set(new Dhcp6Option(OptionCodes6.ELAPSED_TIME, d));
        }

        public Builder rapidCommit() {
            return set(new Dhcp6Option(OptionCodes6.RAPID_COMMIT, null));
        }

        public Builder reconfigureAccept() {
            return set(new Dhcp6Option(OptionCodes6.RECONF_ACCEPT, null));
        }

        public Builder unicast(Inet6Address address) {
            byte[] d = new byte[16];
            Ipv6.put(address, d, 0);
            return set(new Dhcp6Option(OptionCodes6.UNICAST, d));
        }

        public Builder clientFqdn(ClientFqdn6 fqdn) {
            return set(fqdn.toOption());
        }

        /** Appends a relay layer inside the ones already added (the first added is outermost). */
        public Builder addRelay(Dhcp6Relay relay) {
            if (relays.size() == MAX_RELAYS) {
                throw new IllegalArgumentException("more than " + MAX_RELAYS + " relay layers");
            }
            relays.add(Objects.requireNonNull(relay, "relay"));
            return this;
        }

        int relayCount() {
            return relays.size();
        }

        public Builder clearRelays() {
            relays.clear();
            return this;
        }

        public Dhcp6Message build() {
            return new Dhcp6Message(this);
        }
    }
}
