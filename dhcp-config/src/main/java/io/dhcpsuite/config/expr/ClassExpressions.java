package io.dhcpsuite.config.expr;

import io.dhcpsuite.codec.Ipv4;
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
 * Compiles Kea's client classification expressions (the common DHCPv4 subset of Kea's
 * {@code eval} grammar). As in Kea, every value is a byte string: string literals are their
 * bytes, {@code 0x..} hex literals and IPv4 literals are binary, integers are 4 bytes big-endian
 * (Kea's {@code TokenInteger}, so {@code pkt4.msgtype == 1} holds), and {@code ==} compares
 * byte for byte. {@code .exists} and {@code member()} are the boolean leaves; {@code not},
 * {@code and}, {@code or} combine them ({@code or} binds loosest).
 *
 * <p>Supported: {@code option[code|name].hex|text|exists}, {@code relay4[code].hex|text|exists},
 * {@code pkt4.mac|hlen|htype|ciaddr|giaddr|yiaddr|siaddr|msgtype|transid},
 * {@code pkt.len|src|dst}, {@code substring(s, start, length|'all')}, {@code concat(a, b)},
 * {@code ifelse(cond, a, b)}, {@code hexstring(s, sep)}, {@code lcase(s)}, {@code ucase(s)},
 * {@code split(s, delims, field)}, {@code member('class')}. Not supported: {@code pkt.iface},
 * {@code relay6}, {@code vendor}/{@code vendor-class}, the integer-to-text converters.
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
        Parser p = new Parser(Lexer.tokens(test), optionCode, classDefined);
        Bool b = p.parseBool();
        p.expectEnd();
        return b::test;
    }

    // ---------------------------------------------------------------- AST

    /** A boolean node. */
    @FunctionalInterface
    interface Bool {
        boolean test(PacketView pkt, Set<String> classes);
    }

    /** A byte-string node. */
    @FunctionalInterface
    interface Str {
        byte[] eval(PacketView pkt, Set<String> classes);
    }

    private static final byte[] EMPTY = new byte[0];

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

    enum Kind { STRING, HEX, IP, INT, IDENT, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, EQ, END }

    record Token(Kind kind, String text, int column) {
        String show() {
            return kind == Kind.END ? "end of expression" : "'" + text + "'";
        }
    }

    static final class Lexer {
        private Lexer() {
        }

        static List<Token> tokens(String s) {
            if (s == null) {
                throw new IllegalArgumentException("empty expression");
            }
            List<Token> out = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                int col = i + 1;
                if (Character.isWhitespace(c)) {
                    i++;
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
    }

    // ---------------------------------------------------------------- parser

    static final class Parser {
        private final List<Token> tokens;
        private final Function<String, Integer> optionCode;
        private final Predicate<String> classDefined;
        private int pos;

        Parser(List<Token> tokens, Function<String, Integer> optionCode, Predicate<String> classDefined) {
            this.tokens = tokens;
            this.optionCode = optionCode;
            this.classDefined = classDefined;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token next() {
            return tokens.get(pos++);
        }

        private boolean atWord(String w) {
            Token t = peek();
            return t.kind() == Kind.IDENT && t.text().equals(w);
        }

        private static IllegalArgumentException unexpected(Token t) {
            return new IllegalArgumentException("unexpected token " + t.show() + " at column " + t.column());
        }

        private Token expect(Kind k) {
            Token t = next();
            if (t.kind() != k) {
                throw unexpected(t);
            }
            return t;
        }

        private void expectWord(String w) {
            Token t = next();
            if (t.kind() != Kind.IDENT || !t.text().equals(w)) {
                throw unexpected(t);
            }
        }

        void expectEnd() {
            if (peek().kind() != Kind.END) {
                throw unexpected(peek());
            }
        }

        Bool parseBool() {
            Bool left = parseAnd();
            while (atWord("or")) {
                next();
                Bool l = left;
                Bool r = parseAnd();
                left = (p, c) -> l.test(p, c) || r.test(p, c);
            }
            return left;
        }

        private Bool parseAnd() {
            Bool left = parseNot();
            while (atWord("and")) {
                next();
                Bool l = left;
                Bool r = parseNot();
                left = (p, c) -> l.test(p, c) && r.test(p, c);
            }
            return left;
        }

        private Bool parseNot() {
            if (atWord("not")) {
                next();
                Bool b = parseNot();
                return (p, c) -> !b.test(p, c);
            }
            return parsePrimaryBool();
        }

        private Bool parsePrimaryBool() {
            Token t = peek();
            if (t.kind() == Kind.LPAREN) {
                next();
                Bool b = parseBool();
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
            Object left = parseTerm(true);
            if (left instanceof Bool b) {
                return b;
            }
            Str l = (Str) left;
            if (peek().kind() != Kind.EQ) {
                throw unexpected(peek());
            }
            next();
            Str r = parseString();
            return (p, c) -> Arrays.equals(l.eval(p, c), r.eval(p, c));
        }

        Str parseString() {
            Object o = parseTerm(false);
            return (Str) o;
        }

        /** A string term, or (when {@code boolAllowed}) a {@code .exists} leaf. */
        private Object parseTerm(boolean boolAllowed) {
            Token t = next();
            switch (t.kind()) {
                case STRING -> {
                    byte[] v = t.text().getBytes(StandardCharsets.UTF_8);
                    return (Str) (p, c) -> v;
                }
                case HEX -> {
                    String h = t.text().length() % 2 == 1 ? "0" + t.text() : t.text();
                    byte[] v = new byte[h.length() / 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
                    }
                    return (Str) (p, c) -> v;
                }
                case IP -> {
                    byte[] v = Ipv4.toBytes(Ipv4.parse(t.text()));
                    return (Str) (p, c) -> v;
                }
                case INT -> {
                    long value = parseLong(t);
                    if (value < 0 || value > 0xFFFF_FFFFL) {
                        throw new IllegalArgumentException("integer " + t.text() + " at column " + t.column()
                                + " is not in 0..4294967295");
                    }
                    byte[] v = int32(value);
                    return (Str) (p, c) -> v;
                }
                case IDENT -> {
                    return identTerm(t, boolAllowed);
                }
                default -> throw unexpected(t);
            }
        }

        private static long parseLong(Token t) {
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

        private Object identTerm(Token t, boolean boolAllowed) {
            switch (t.text()) {
                case "option", "relay4" -> {
                    boolean relay = t.text().equals("relay4");
                    expect(Kind.LBRACKET);
                    Token code = next();
                    int c;
                    if (code.kind() == Kind.INT) {
                        long v = parseLong(code);
                        if (v < 0 || v > 255) {
                            throw new IllegalArgumentException("option code " + v + " at column " + code.column()
                                    + " is not in 0..255");
                        }
                        c = (int) v;
                    } else if (code.kind() == Kind.IDENT && !relay) {
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
                    expect(Kind.DOT);
                    Token field = expect(Kind.IDENT);
                    int oc = c;
                    switch (field.text()) {
                        case "hex", "text" -> {
                            return relay
                                    ? (Str) (p, cl) -> orEmpty(p.relayAgentSubOption(oc))
                                    : (Str) (p, cl) -> orEmpty(p.option(oc));
                        }
                        case "exists" -> {
                            if (!boolAllowed) {
                                throw new IllegalArgumentException("'.exists' is a condition, not a value, at column "
                                        + field.column());
                            }
                            return relay
                                    ? (Bool) (p, cl) -> p.relayAgentSubOption(oc) != null
                                    : (Bool) (p, cl) -> p.option(oc) != null;
                        }
                        default -> throw unexpected(field);
                    }
                }
                case "pkt4" -> {
                    expect(Kind.DOT);
                    Token f = expect(Kind.IDENT);
                    return switch (f.text()) {
                        case "mac" -> (Str) (p, c) -> {
                            byte[] hw = p.hwAddress();
                            return hw == null ? EMPTY : hw;
                        };
                        case "hlen" -> (Str) (p, c) -> int32(p.hlen());
                        case "htype" -> (Str) (p, c) -> int32(p.hwType());
                        case "ciaddr" -> (Str) (p, c) -> Ipv4.toBytes(p.ciaddr());
                        case "giaddr" -> (Str) (p, c) -> Ipv4.toBytes(p.giaddr());
                        case "yiaddr" -> (Str) (p, c) -> Ipv4.toBytes(p.yiaddr());
                        case "siaddr" -> (Str) (p, c) -> Ipv4.toBytes(p.siaddr());
                        case "msgtype" -> (Str) (p, c) -> int32(p.messageType());
                        case "transid" -> (Str) (p, c) -> int32(p.transactionId());
                        default -> throw new IllegalArgumentException("unsupported field pkt4." + f.text()
                                + " at column " + f.column());
                    };
                }
                case "pkt" -> {
                    expect(Kind.DOT);
                    Token f = expect(Kind.IDENT);
                    return switch (f.text()) {
                        case "len" -> (Str) (p, c) -> int32(p.length());
                        case "src" -> (Str) (p, c) -> Ipv4.toBytes(p.remoteAddress());
                        case "dst" -> (Str) (p, c) -> Ipv4.toBytes(p.localAddress());
                        default -> throw new IllegalArgumentException("unsupported field pkt." + f.text()
                                + " at column " + f.column());
                    };
                }
                case "substring" -> {
                    expect(Kind.LPAREN);
                    Str s = parseString();
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
                    return (Str) (p, c) -> {
                        byte[] v = s.eval(p, c);
                        return substring(v, start, len == null ? v.length : len);
                    };
                }
                case "concat" -> {
                    expect(Kind.LPAREN);
                    Str a = parseString();
                    expect(Kind.COMMA);
                    Str b = parseString();
                    expect(Kind.RPAREN);
                    return (Str) (p, c) -> {
                        byte[] x = a.eval(p, c);
                        byte[] y = b.eval(p, c);
                        byte[] r = Arrays.copyOf(x, x.length + y.length);
                        System.arraycopy(y, 0, r, x.length, y.length);
                        return r;
                    };
                }
                case "ifelse" -> {
                    expect(Kind.LPAREN);
                    Bool cond = parseBool();
                    expect(Kind.COMMA);
                    Str a = parseString();
                    expect(Kind.COMMA);
                    Str b = parseString();
                    expect(Kind.RPAREN);
                    return (Str) (p, c) -> cond.test(p, c) ? a.eval(p, c) : b.eval(p, c);
                }
                case "hexstring" -> {
                    expect(Kind.LPAREN);
                    Str a = parseString();
                    expect(Kind.COMMA);
                    Str sep = parseString();
                    expect(Kind.RPAREN);
                    return (Str) (p, c) -> hexstring(a.eval(p, c), sep.eval(p, c));
                }
                case "lcase", "ucase" -> {
                    boolean upper = t.text().equals("ucase");
                    expect(Kind.LPAREN);
                    Str a = parseString();
                    expect(Kind.RPAREN);
                    return (Str) (p, c) -> changeCase(a.eval(p, c), upper);
                }
                case "split" -> {
                    expect(Kind.LPAREN);
                    Str a = parseString();
                    expect(Kind.COMMA);
                    Str delims = parseString();
                    expect(Kind.COMMA);
                    int field = intArg();
                    expect(Kind.RPAREN);
                    return (Str) (p, c) -> split(a.eval(p, c), delims.eval(p, c), field);
                }
                default -> throw unexpected(t);
            }
        }

        private static byte[] orEmpty(byte[] b) {
            return b == null ? EMPTY : b;
        }
    }
}
