package io.dhcpsuite.config.expr;

import static io.dhcpsuite.config.expr.ClassExpressions.EMPTY;

import io.dhcpsuite.config.expr.ClassExpressions.Kind;
import io.dhcpsuite.config.expr.ClassExpressions.Parser;
import io.dhcpsuite.config.expr.ClassExpressions.Term;
import io.dhcpsuite.config.expr.ClassExpressions.Token;
import java.util.Arrays;

/**
 * Kea's {@code vendor} and {@code vendor-class} terms for DHCPv6, over option 17 (Vendor-specific
 * Information: enterprise number, then sub-options with 16-bit code and length, RFC 8415 §21.17)
 * and option 16 (Vendor Class: enterprise number, then data items with a 16-bit length,
 * §21.16). As in Kea's TokenVendor and TokenVendorClass, an enterprise id of 0 matches any
 * vendor, and a missing option or another vendor gives "" (or false for {@code .exists}).
 */
final class Vendor6 {

    private static final int VENDOR_CLASS = 16;
    private static final int VENDOR_OPTS = 17;

    private Vendor6() {
    }

    static Term<PacketView6> term(Token t, Parser<PacketView6> parser, boolean boolAllowed) {
        boolean cls = t.text().equals("vendor-class");
        int code = cls ? VENDOR_CLASS : VENDOR_OPTS;
        if (parser.peek().kind() == Kind.DOT) {
            parser.next();
            Token f = parser.expect(Kind.IDENT);
            if (!f.text().equals("enterprise")) {
                throw Parser.unexpected(f);
            }
            return Term.of((p, c) -> {
                byte[] o = p.option(code);
                return o == null || o.length < 4 ? EMPTY : Arrays.copyOf(o, 4);
            });
        }
        parser.expect(Kind.LBRACKET);
        Token e = parser.expect(Kind.INT);
        long enterprise = Parser.parseLong(e);
        if (enterprise < 0 || enterprise > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("enterprise id " + e.text() + " at column " + e.column()
                    + " is not in 0..4294967295");
        }
        parser.expect(Kind.RBRACKET);
        parser.expect(Kind.DOT);
        Token f = parser.expect(Kind.IDENT);
        switch (f.text()) {
            case "exists" -> {
                if (!boolAllowed) {
                    throw new IllegalArgumentException("'.exists' is a condition, not a value, at column " + f.column());
                }
                return Term.ofBool((p, c) -> ours(p.option(code), enterprise) != null);
            }
            case "option" -> {
                if (cls) {
                    throw Parser.unexpected(f);
                }
                parser.expect(Kind.LBRACKET);
                int sub = parser.optionCodeArg(parser.expect(Kind.INT));
                parser.expect(Kind.RBRACKET);
                return parser.optionField(boolAllowed, p -> subOption(ours(p.option(code), enterprise), sub));
            }
            case "data" -> {
                if (!cls) {
                    throw Parser.unexpected(f);
                }
                int index = 0;
                if (parser.peek().kind() == Kind.LBRACKET) {
                    parser.next();
                    Token i = parser.expect(Kind.INT);
                    long v = Parser.parseLong(i);
                    if (v < 0 || v > 255) {
                        throw new IllegalArgumentException("data index " + i.text() + " at column " + i.column()
                                + " is not in 0..255");
                    }
                    index = (int) v;
                    parser.expect(Kind.RBRACKET);
                }
                int n = index;
                return Term.of((p, c) -> {
                    byte[] d = dataItem(ours(p.option(code), enterprise), n);
                    return d == null ? EMPTY : d;
                });
            }
            default -> throw Parser.unexpected(f);
        }
    }

    /** The option if it is present and of {@code enterprise} (0 = any vendor), else null. */
    private static byte[] ours(byte[] option, long enterprise) {
        if (option == null || option.length < 4) {
            return null;
        }
        long id = ((option[0] & 0xFFL) << 24) | ((option[1] & 0xFF) << 16) | ((option[2] & 0xFF) << 8) | (option[3] & 0xFF);
        return enterprise == 0 || enterprise == id ? option : null;
    }

    /** Sub-option {@code code} after the enterprise number, or null (a truncated one counts as absent). */
    private static byte[] subOption(byte[] option, int code) {
        if (option == null) {
            return null;
        }
        int i = 4;
        while (i + 4 <= option.length) {
            int c = ((option[i] & 0xFF) << 8) | (option[i + 1] & 0xFF);
            int len = ((option[i + 2] & 0xFF) << 8) | (option[i + 3] & 0xFF);
            if (i + 4 + len > option.length) {
                return null;
            }
            if (c == code) {
                return Arrays.copyOfRange(option, i + 4, i + 4 + len);
            }
            i += 4 + len;
        }
        return null;
    }

    /** Data item {@code index} of a vendor class option, or null. */
    private static byte[] dataItem(byte[] option, int index) {
        if (option == null) {
            return null;
        }
        int i = 4;
        for (int n = 0; i + 2 <= option.length; n++) {
            int len = ((option[i] & 0xFF) << 8) | (option[i + 1] & 0xFF);
            if (i + 2 + len > option.length) {
                return null;
            }
            if (n == index) {
                return Arrays.copyOfRange(option, i + 2, i + 2 + len);
            }
            i += 2 + len;
        }
        return null;
    }
}
