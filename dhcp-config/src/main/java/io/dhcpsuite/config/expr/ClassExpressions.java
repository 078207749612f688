package io.dhcpsuite.config.expr;

import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.Ipv6;
import io.dhcpsuite.codec.OptionDefinition;
import io.dhcpsuite.codec.StandardOptions4;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles Kea's client classification expressions (the common subset of Kea's {@code eval}
 * grammar, for DHCPv4 and DHCPv6). As in Kea, every value is a byte string: string literals are their
 * bytes, {@code 0x..} hex literals and IPv4 literals are binary, integers are 4 bytes big-endian
 * (Kea's {@code TokenInteger}, so {@code pkt4.msgtype == 1} holds), and {@code ==} compares
 * byte for byte. {@code .exists} and {@code member()} are the boolean leaves; {@code not},
 * {@code and}, {@code or} combine them ({@code or} binds loosest).
 *
 * <p>Supported: {@code option[code|name].hex|text|exists}, {@code relay4[code].hex|text|exists},
 * {@code pkt4.mac|hlen|htype|ciaddr|giaddr|yiaddr|siaddr|msgtype|transid},
 * {@code pkt.len|src|dst}, {@code substring(s, start, length|'all')}, {@code concat(a, b)},
 * {@code ifelse(cond, a, b)}, {@code hexstring(s, sep)}, {@code lcase(s)}, {@code ucase(s)},
 * {@code split(s, delims, field)}, {@code member('class')}; for DHCPv6 instead of the v4 fields
 * {@code option[code]} with 16-bit codes, {@code relay6[nest].option[code].hex|text|exists},
 * {@code relay6[nest].peeraddr|linkaddr}, {@code pkt6.msgtype|transid}, {@code pkt.iface},
 * {@code vendor} and {@code vendor-class} (options 17 and 16) and IPv6 literals (see
 * {@link Dialect}). Not supported: {@code pkt.iface}, {@code vendor} and {@code vendor-class} in
 * DHCPv4, the integer-to-text converters.
 */
public final class ClassExpressions {

    private ClassExpressions() {
    }

    /**
     * Compiles {@code test}, resolving option names against Kea's standard dhcp4 definitions and
     * accepting any class name in {@code member()}.
     *
     * @throws IllegalArgumentException with the column of the problem
     */
    public static ClassExpression compile(String test) {
        return compile(test, name -> {
            OptionDefinition d = StandardOptions4.byName(name);
            return d == null ? null : d.code();
        }, name -> true);
    }

    /**
     * Compiles {@code test} with the configuration's option names ({@code optionCode} returns null
     * for an unknown name) and its class dictionary ({@code classDefined}: Kea refuses
     * {@code member('x')} unless x is built in or defined earlier).
     *
     * @throws IllegalArgumentException with the column of the problem
     */
    public static ClassExpression compile(String test, Function<String, Integer> optionCode,
                                          Predicate<String> classDefined) {
        Bool<PacketView> b = parse(test, Dialect.V4, optionCode, classDefined);
        return b::test;
    }

    /**
     * Compiles a DHCPv6 {@code test}: option names resolve through {@code optionCode} (the dhcp6
     * space), {@code member()} through {@code classDefined}.
     *
     * @throws IllegalArgumentException with the column of the problem
     */
    public static ClassExpression6 compile6(String test, Function<String, Integer> optionCode,
                                            Predicate<String> classDefined) {
        Bool<PacketView6> b = parse(test, Dialect.V6, optionCode, classDefined);
        return b::test;
    }

    private static <P> Bool<P> parse(String test, Dialect<P> dialect, Function<String, Integer> optionCode,
                                     Predicate<String> classDefined) {
        Parser<P> p = new Parser<>(Lexer.tokens(test, dialect.ipv6Literals()), dialect, optionCode, classDefined);
        Bool<P> b = p.parseBool();
        p.expectEnd();
        return b;
    }

    // ---------------------------------------------------------------- AST

    /** A boolean node over packets of type {@code P}. */
    @FunctionalInterface
    interface Bool<P> {
        boolean test(P pkt, Set<String> classes);
    }

    /** A byte-string node over packets of type {@code P}. */
    @FunctionalInterface
    interface Str<P> {
        byte[] eval(P pkt, Set<String> classes);
    }

    static final byte[] EMPTY = new byte[0];

    /** An IPv6 literal's bytes, or null. */
    static byte[] ipv6(String text) {
        try {
            return Ipv6.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Kea's TokenSubstring semantics, including negative start and length. */
    static byte[] substring(byte[] s, int start, int length) {
        int n = s.length;
        if (n == 0 || start < -n || start >= n) {
            return EMPTY;
        }
        if (start < 0) {
            start = n + start;
        }
        if (length < 0) {
            length = -length;
            if (length <= start) {
                start -= length;
            } else {
                length = start;
                start = 0;
            }
        }
        int end = (int) Math.min((long) start + length, n);
        return Arrays.copyOfRange(s, start, end);
    }

    static byte[] split(byte[] s, byte[] delims, int field) {
        if (field < 1) {
            return EMPTY;
        }
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= s.length; i++) {
            boolean delim = i < s.length && indexOf(delims, s[i]) >= 0;
            if (i == s.length || delim) {
                parts.add(Arrays.copyOfRange(s, from, i));
                from = i + 1;
            }
        }
        return field <= parts.size() ? parts.get(field - 1) : EMPTY;
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static byte[] hexstring(byte[] s, byte[] sep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length; i++) {
            if (i > 0) {
                out.writeBytes(sep);
            }
            out.write(Character.forDigit((s[i] >> 4) & 0xF, 16));
            out.write(Character.forDigit(s[i] & 0xF, 16));
        }
        return out.toByteArray();
    }

    static byte[] changeCase(byte[] s, boolean upper) {
        byte[] r = s.clone();
        for (int i = 0; i < r.length; i++) {
            if (upper && r[i] >= 'a' && r[i] <= 'z') {
                r[i] -= 32;
            } else if (!upper && r[i] >= 'A' && r[i] <= 'Z') {
                r[i] += 32;
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- lexer

    enum Kind { STRING, HEX, IP, IP6, INT, IDENT, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, EQ, END }

    record Token(Kind kind, String text, int column) {
        String show() {
            return kind == Kind.END ? "end of expression" : "'" + text + "'";
        }
    }

    static final class Lexer {
        private Lexer() {
        }

        static List<Token> tokens(String s) {
            return tokens(s, false);
        }

        /** {@code ipv6}: IPv6 literals ({@code 2001:db8::1}, {@code ::1}, {@code fe80::1}) are tokens. */
        static List<Token> tokens(String s, boolean ipv6) {
            if (s == null) {
                throw new IllegalArgumentException("empty expression");
            }
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                int col = i + 1;
                int v6end = ipv6 ? ipv6Literal(s, i) : -1;
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (v6end > 0) {
                    String text = s.substring(i, v6end);
                    if (ipv6(text) == null) {
                        throw new IllegalArgumentException("invalid IPv6 address '" + text + "' at column " + col);
                    }
                    out.add(new Token(Kind.IP6, text, col));
                    i = v6end;
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated string at column " + col);
                    }
                    out.add(new Token(Kind.STRING, s.substring(i + 1, end), col));
                    i = end + 1;
                } else if (c == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                    int j = i + 2;
                    while (j < n && Character.digit(s.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i + 2) {
                        throw new IllegalArgumentException("invalid hex literal at column " + col);
                    }
                    out.add(new Token(Kind.HEX, s.substring(i + 2, j), col));
                    i = j;
                } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                    int j = i + 1;
                    while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                        j++;
                    }
                    String text = s.substring(i, j);
                    if (text.indexOf('.') >= 0) {
                        if (Ipv4.tryParse(text) == null) {
                            throw new IllegalArgumentException("invalid IPv4 address '" + text + "' at column " + col);
                        }
                        out.add(new Token(Kind.IP, text, col));
                    } else {
                        out.add(new Token(Kind.INT, text, col));
                    }
                    i = j;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
                        j++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(i, j), col));
                    i = j;
                } else if (c == '=' && i + 1 < n && s.charAt(i + 1) == '=') {
                    out.add(new Token(Kind.EQ, "==", col));
                    i += 2;
                } else {
                    Kind k = switch (c) {
                        case '(' -> Kind.LPAREN;
                        case ')' -> Kind.RPAREN;
                        case '[' -> Kind.LBRACKET;
                        case ']' -> Kind.RBRACKET;
                        case ',' -> Kind.COMMA;
                        case '.' -> Kind.DOT;
                        default -> throw new IllegalArgumentException("invalid character '" + c + "' at column " + col);
                    };
                    out.add(new Token(k, String.valueOf(c), col));
                    i++;
                }
            }
            out.add(new Token(Kind.END, "", n + 1));
            return out;
        }

        /** The end of an IPv6 literal starting at {@code i} (a run of hex digits, ':' and '.' with a ':'), or -1. */
        private static int ipv6Literal(String s, int i) {
            int j = i;
            boolean colon = false;
            while (j < s.length() && (Character.digit(s.charAt(j), 16) >= 0 || s.charAt(j) == ':' || s.charAt(j) == '.')) {
                colon |= s.charAt(j) == ':';
                j++;
            }
            // "0x..." is a hex literal, and an identifier goes on with letters beyond a-f
            boolean identGoesOn = j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_');
            return colon && !identGoesOn && !s.startsWith("0x", i) && !s.startsWith("0X", i) ? j : -1;
        }
    }

    // ---------------------------------------------------------------- parser

    /** The grammar both families share; {@link Dialect} adds each family's packet terms. */
    static final class Parser<P> {
        private final List<Token> tokens;
        private final Dialect<P> dialect;
        private final Function<String, Integer> optionCode;
        private final Predicate<String> classDefined;
        private int pos;

        Parser(List<Token> tokens, Dialect<P> dialect, Function<String, Integer> optionCode,
               Predicate<String> classDefined) {
            this.tokens = tokens;
            this.dialect = dialect;
            this.optionCode = optionCode;
            this.classDefined = classDefined;
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        boolean atWord(String w) {
            Token t = peek();
            return t.kind() == Kind.IDENT && t.text().equals(w);
        }

        static IllegalArgumentException unexpected(Token t) {
            return new IllegalArgumentException("unexpected token " + t.show() + " at column " + t.column());
        }

        Token expect(Kind k) {
            Token t = next();
            if (t.kind() != k) {
                throw unexpected(t);
            }
            return t;
        }

        void expectEnd() {
            if (peek().kind() != Kind.END) {
                throw unexpected(peek());
            }
        }

        Bool<P> parseBool() {
            Bool<P> left = parseAnd();
            while (atWord("or")) {
                next();
                Bool<P> l = left;
                Bool<P> r = parseAnd();
                left = (p, c) -> l.test(p, c) || r.test(p, c);
            }
            return left;
        }

        private Bool<P> parseAnd() {
            Bool<P> left = parseNot();
            while (atWord("and")) {
                next();
                Bool<P> l = left;
                Bool<P> r = parseNot();
                left = (p, c) -> l.test(p, c) && r.test(p, c);
            }
            return left;
        }

        private Bool<P> parseNot() {
            if (atWord("not")) {
                next();
                Bool<P> b = parseNot();
                return (p, c) -> !b.test(p, c);
            }
            return parsePrimaryBool();
        }

        private Bool<P> parsePrimaryBool() {
            Token t = peek();
            if (t.kind() == Kind.LPAREN) {
                next();
                Bool<P> b = parseBool();
                expect(Kind.RPAREN);
                return b;
            }
            if (atWord("member")) {
                next();
                expect(Kind.LPAREN);
                Token name = expect(Kind.STRING);
                expect(Kind.RPAREN);
                String cls = name.text();
                if (!classDefined.test(cls)) {
                    throw new IllegalArgumentException("not defined client class '" + cls + "' at column " + name.column());
                }
                return (p, c) -> c != null && c.contains(cls);
            }
            Term<P> left = parseTerm(true);
            if (left.bool() != null) {
                return left.bool();
            }
            Str<P> l = left.str();
            if (peek().kind() != Kind.EQ) {
                throw unexpected(peek());
            }
            next();
            Str<P> r = parseString();
            return (p, c) -> Arrays.equals(l.eval(p, c), r.eval(p, c));
        }

        Str<P> parseString() {
            return parseTerm(false).str();
        }

        /** A string term, or (when {@code boolAllowed}) a {@code .exists} leaf. */
        private Term<P> parseTerm(boolean boolAllowed) {
            Token t = next();
            switch (t.kind()) {
                case STRING -> {
                    return constant(t.text().getBytes(StandardCharsets.UTF_8));
                }
                case HEX -> {
                    String h = t.text().length() % 2 == 1 ? "0" + t.text() : t.text();
                    byte[] v = new byte[h.length() / 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
                    }
                    return constant(v);
                }
                case IP -> {
                    return constant(Ipv4.toBytes(Ipv4.parse(t.text())));
                }
                case IP6 -> {
                    return constant(ipv6(t.text()));
                }
                case INT -> {
                    long value = parseLong(t);
                    if (value < 0 || value > 0xFFFF_FFFFL) {
                        throw new IllegalArgumentException("integer " + t.text() + " at column " + t.column()
                                + " is not in 0..4294967295");
                    }
                    return constant(int32(value));
                }
                case IDENT -> {
                    Term<P> own = dialect.term(t, this, boolAllowed);
                    return own != null ? own : identTerm(t, boolAllowed);
                }
                default -> throw unexpected(t);
            }
        }

        private static <P> Term<P> constant(byte[] v) {
            return Term.of((p, c) -> v);
        }

        static long parseLong(Token t) {
            try {
                return Long.parseLong(t.text());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("integer " + t.text() + " at column " + t.column() + " is too large");
            }
        }

        private int intArg() {
            Token t = expect(Kind.INT);
            long v = parseLong(t);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer " + t.text() + " at column " + t.column() + " is out of range");
            }
            return (int) v;
        }

        private Term<P> identTerm(Token t, boolean boolAllowed) {
            switch (t.text()) {
                case "option" -> {
                    expect(Kind.LBRACKET);
                    Token code = next();
                    int c;
                    if (code.kind() == Kind.INT) {
                        c = optionCodeArg(code);
                    } else if (code.kind() == Kind.IDENT) {
                        Integer resolved = optionCode.apply(code.text());
                        if (resolved == null) {
                            throw new IllegalArgumentException("option '" + code.text() + "' at column " + code.column()
                                    + " is not defined");
                        }
                        c = resolved;
                    } else {
                        throw unexpected(code);
                    }
                    expect(Kind.RBRACKET);
                    return optionField(boolAllowed, p -> dialect.option(p, c));
                }
                case "pkt" -> {
                    expect(Kind.DOT);
                    Token f = expect(Kind.IDENT);
                    return switch (f.text()) {
                        case "len" -> Term.of((p, c) -> int32(dialect.length(p)));
                        case "src" -> Term.of((p, c) -> dialect.source(p));
                        case "dst" -> Term.of((p, c) -> dialect.destination(p));
                        case "iface" -> {
                            if (!dialect.hasInterfaceName()) {
                                throw new IllegalArgumentException("unsupported field pkt." + f.text()
                                        + " at column " + f.column());
                            }
                            yield Term.of((p, c) -> dialect.interfaceName(p).getBytes(StandardCharsets.UTF_8));
                        }
                        default -> throw new IllegalArgumentException("unsupported field pkt." + f.text()
                                + " at column " + f.column());
                    };
                }
                case "substring" -> {
                    expect(Kind.LPAREN);
                    Str<P> s = parseString();
                    expect(Kind.COMMA);
                    int start = intArg();
                    expect(Kind.COMMA);
                    Integer length;
                    if (peek().kind() == Kind.STRING && peek().text().equals("all")) {
                        next();
                        length = null;
                    } else if (atWord("all")) {
                        next();
                        length = null;
                    } else {
                        length = intArg();
                    }
                    expect(Kind.RPAREN);
                    Integer len = length;
                    return Term.of((p, c) -> {
                        byte[] v = s.eval(p, c);
                        return substring(v, start, len == null ? v.length : len);
                    });
                }
                case "concat" -> {
                    expect(Kind.LPAREN);
                    Str<P> a = parseString();
                    expect(Kind.COMMA);
                    Str<P> b = parseString();
                    expect(Kind.RPAREN);
                    return Term.of((p, c) -> {
                        byte[] x = a.eval(p, c);
                        byte[] y = b.eval(p, c);
                        byte[] r = Arrays.copyOf(x, x.length + y.length);
                        System.arraycopy(y, 0, r, x.length, y.length);
                        return r;
                    });
                }
                case "ifelse" -> {
                    expect(Kind.LPAREN);
                    Bool<P> cond = parseBool();
                    expect(Kind.COMMA);
                    Str<P> a = parseString();
                    expect(Kind.COMMA);
                    Str<P> b = parseString();
                    expect(Kind.RPAREN);
                    return Term.of((p, c) -> cond.test(p, c) ? a.eval(p, c) : b.eval(p, c));
                }
                case "hexstring" -> {
                    expect(Kind.LPAREN);
                    Str<P> a = parseString();
                    expect(Kind.COMMA);
                    Str<P> sep = parseString();
                    expect(Kind.RPAREN);
                    return Term.of((p, c) -> hexstring(a.eval(p, c), sep.eval(p, c)));
                }
                case "lcase", "ucase" -> {
                    boolean upper = t.text().equals("ucase");
                    expect(Kind.LPAREN);
                    Str<P> a = parseString();
                    expect(Kind.RPAREN);
                    return Term.of((p, c) -> changeCase(a.eval(p, c), upper));
                }
                case "split" -> {
                    expect(Kind.LPAREN);
                    Str<P> a = parseString();
                    expect(Kind.COMMA);
                    Str<P> delims = parseString();
                    expect(Kind.COMMA);
                    int field = intArg();
                    expect(Kind.RPAREN);
                    return Term.of((p, c) -> split(a.eval(p, c), delims.eval(p, c), field));
                }
                default -> throw unexpected(t);
            }
        }

        /** An option code in the family's range (0..255 for DHCPv4, 0..65535 for DHCPv6). */
        int optionCodeArg(Token code) {
            long v = parseLong(code);
            if (v < 0 || v > dialect.maxOptionCode()) {
                throw new IllegalArgumentException("option code " + v + " at column " + code.column()
                        + " is not in 0.." + dialect.maxOptionCode());
            }
            return (int) v;
        }

        /**
         * {@code .hex}, {@code .text} or {@code .exists} after an option reference: the payload
         * {@code payload} finds (null when absent).
         */
        Term<P> optionField(boolean boolAllowed, Function<P, byte[]> payload) {
            expect(Kind.DOT);
            Token field = expect(Kind.IDENT);
            switch (field.text()) {
                case "hex", "text" -> {
                    return Term.of((p, cl) -> orEmpty(payload.apply(p)));
                }
                case "exists" -> {
                    if (!boolAllowed) {
                        throw new IllegalArgumentException("'.exists' is a condition, not a value, at column "
                                + field.column());
                    }
                    return Term.ofBool((p, cl) -> payload.apply(p) != null);
                }
                default -> throw unexpected(field);
            }
        }

        static byte[] orEmpty(byte[] b) {
            return b == null ? EMPTY : b;
        }
    }

    /** A parsed term: a byte string, or a boolean leaf ({@code .exists}). */
    record Term<P>(Str<P> str, Bool<P> bool) {
        static <P> Term<P> of(Str<P> s) {
            return new Term<>(s, null);
        }

        static <P> Term<P> ofBool(Bool<P> b) {
            return new Term<>(null, b);
        }
    }
}
