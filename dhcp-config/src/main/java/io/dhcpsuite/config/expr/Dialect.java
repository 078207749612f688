package io.dhcpsuite.config.expr;

import static io.dhcpsuite.config.expr.ClassExpressions.int32;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.expr.ClassExpressions.Kind;
import io.dhcpsuite.config.expr.ClassExpressions.Parser;
import io.dhcpsuite.config.expr.ClassExpressions.Term;
import io.dhcpsuite.config.expr.ClassExpressions.Token;

/**
 * What one DHCP family adds to the shared expression grammar: its packet view {@code P}, the
 * range of option codes, the metadata {@code pkt.len|src|dst}, and its own terms ({@code relay4}
 * and {@code pkt4} for DHCPv4; {@code relay6} and {@code pkt6} for DHCPv6, as Kea's eval parser
 * allows each only in its universe).
 */
interface Dialect<P> {

    int maxOptionCode();

    /** Whether IPv6 literals are tokens (DHCPv6 only; the v4 lexer keeps refusing ':'). */
    boolean ipv6Literals();

    byte[] option(P packet, int code);

    int length(P packet);

    byte[] source(P packet);

    byte[] destination(P packet);

    /** Whether {@code pkt.iface} is supported. */
    default boolean hasInterfaceName() {
        return false;
    }

    default String interfaceName(P packet) {
        throw new UnsupportedOperationException("pkt.iface");
    }

    /** The family's own term starting with identifier {@code t}, or null if {@code t} is a shared one. */
    Term<P> term(Token t, Parser<P> parser, boolean boolAllowed);

    Dialect<PacketView> V4 = new Dialect<>() {
        @Override
        public int maxOptionCode() {
            return 255;
        }

        @Override
        public boolean ipv6Literals() {
            return false;
        }

        @Override
        public byte[] option(PacketView p, int code) {
            return p.option(code);
        }

        @Override
        public int length(PacketView p) {
            return p.length();
        }

        @Override
        public byte[] source(PacketView p) {
            return Ipv4.toBytes(p.remoteAddress());
        }

        @Override
        public byte[] destination(PacketView p) {
            return Ipv4.toBytes(p.localAddress());
        }

        @Override
        public Term<PacketView> term(Token t, Parser<PacketView> parser, boolean boolAllowed) {
            switch (t.text()) {
                case "relay4" -> {
                    parser.expect(Kind.LBRACKET);
                    Token code = parser.next();
                    if (code.kind() != Kind.INT) {
                        throw Parser.unexpected(code);
                    }
                    int c = parser.optionCodeArg(code);
                    parser.expect(Kind.RBRACKET);
                    return parser.optionField(boolAllowed, p -> p.relayAgentSubOption(c));
                }
                case "pkt4" -> {
                    parser.expect(Kind.DOT);
                    Token f = parser.expect(Kind.IDENT);
                    return switch (f.text()) {
                        case "mac" -> Term.of((p, c) -> {
                            byte[] hw = p.hwAddress();
                            return hw == null ? ClassExpressions.EMPTY : hw;
                        });
                        case "hlen" -> Term.of((p, c) -> int32(p.hlen()));
                        case "htype" -> Term.of((p, c) -> int32(p.hwType()));
                        case "ciaddr" -> Term.of((p, c) -> Ipv4.toBytes(p.ciaddr()));
                        case "giaddr" -> Term.of((p, c) -> Ipv4.toBytes(p.giaddr()));
                        case "yiaddr" -> Term.of((p, c) -> Ipv4.toBytes(p.yiaddr()));
                        case "siaddr" -> Term.of((p, c) -> Ipv4.toBytes(p.siaddr()));
                        case "msgtype" -> Term.of((p, c) -> int32(p.messageType()));
                        case "transid" -> Term.of((p, c) -> int32(p.transactionId()));
                        default -> throw new IllegalArgumentException("unsupported field pkt4." + f.text()
                                + " at column " + f.column());
                    };
                }
                default -> {
                    return null;
                }
            }
        }
    };

    Dialect<PacketView6> V6 = new Dialect<>() {
        /** Kea's HOP_COUNT_LIMIT: relay6[n] takes -32..31. */
        private static final int HOP_COUNT_LIMIT = 32;

        @Override
        public int maxOptionCode() {
            return 65535;
        }

        @Override
        public boolean ipv6Literals() {
            return true;
        }

        @Override
        public byte[] option(PacketView6 p, int code) {
            return p.option(code);
        }

        @Override
        public int length(PacketView6 p) {
            return p.length();
        }

        @Override
        public byte[] source(PacketView6 p) {
            return p.remoteAddress();
        }

        @Override
        public byte[] destination(PacketView6 p) {
            return p.localAddress();
        }

        @Override
        public boolean hasInterfaceName() {
            return true;
        }

        @Override
        public String interfaceName(PacketView6 p) {
            String name = p.interfaceName();
            return name == null ? "" : name;
        }

        @Override
        public Term<PacketView6> term(Token t, Parser<PacketView6> parser, boolean boolAllowed) {
            switch (t.text()) {
                case "vendor", "vendor-class" -> {
                    return Vendor6.term(t, parser, boolAllowed);
                }
                case "relay4", "pkt4" -> throw new IllegalArgumentException(t.text()
                        + " can only be used in DHCPv4, at column " + t.column());
                case "relay6" -> {
                    parser.expect(Kind.LBRACKET);
                    int nest = nestLevel(parser);
                    parser.expect(Kind.RBRACKET);
                    parser.expect(Kind.DOT);
                    Token what = parser.expect(Kind.IDENT);
                    switch (what.text()) {
                        case "option" -> {
                            parser.expect(Kind.LBRACKET);
                            Token code = parser.expect(Kind.INT);
                            int c = parser.optionCodeArg(code);
                            parser.expect(Kind.RBRACKET);
                            return parser.optionField(boolAllowed, p -> {
                                int level = level(p, nest);
                                return level < 0 ? null : p.relayOption(level, c);
                            });
                        }
                        case "peeraddr", "linkaddr" -> {
                            boolean peer = what.text().equals("peeraddr");
                            return Term.of((p, c) -> {
                                int level = level(p, nest);
                                if (level < 0) {
                                    // Kea pushes "" when there is no such relay
                                    return ClassExpressions.EMPTY;
                                }
                                return peer ? p.relayPeerAddress(level) : p.relayLinkAddress(level);
                            });
                        }
                        default -> throw Parser.unexpected(what);
                    }
                }
                case "pkt6" -> {
                    parser.expect(Kind.DOT);
                    Token f = parser.expect(Kind.IDENT);
                    return switch (f.text()) {
                        case "msgtype" -> Term.of((p, c) -> int32(p.messageType()));
                        case "transid" -> Term.of((p, c) -> int32(p.transactionId()));
                        default -> throw new IllegalArgumentException("unsupported field pkt6." + f.text()
                                + " at column " + f.column());
                    };
                }
                default -> {
                    return null;
                }
            }
        }

        /** {@code relay6[n]}: an integer, negative counting from the client as in Kea. */
        private int nestLevel(Parser<PacketView6> parser) {
            Token n = parser.next();
            if (n.kind() != Kind.INT) {
                throw Parser.unexpected(n);
            }
            long v = Parser.parseLong(n);
            if (v < -HOP_COUNT_LIMIT || v >= HOP_COUNT_LIMIT) {
                throw new IllegalArgumentException("nest level " + n.text() + " at column " + n.column()
                        + " is not in -" + HOP_COUNT_LIMIT + ".." + (HOP_COUNT_LIMIT - 1));
            }
            return (int) v;
        }

        /** The relay index a nest level names in this packet, or -1 when there is no such relay. */
        private int level(PacketView6 p, int nest) {
            int level = nest >= 0 ? nest : p.relayCount() + nest;
            return level < 0 || level >= p.relayCount() ? -1 : level;
        }
    };
}
