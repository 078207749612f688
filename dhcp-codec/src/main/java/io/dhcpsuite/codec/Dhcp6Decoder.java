package io.dhcpsuite.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns UDP payloads into {@link Dhcp6Message}s. Stateless and thread-safe.
 *
 * <p>Decoding rules, with the RFC that imposes each:
 * <ul>
 * <li>RFC 8415 §8: a client/server message is the type octet, 3 octets of transaction id and
 *     options to the end; any type other than 12 and 13 has that layout (RFC 7341 §6 for
 *     DHCPV4-QUERY/RESPONSE, whose 3 octets are flags).</li>
 * <li>RFC 8415 §9: RELAY-FORW (12) and RELAY-REPL (13) have a 34-octet header (type, hop count,
 *     link address, peer address) and options, among them exactly one non-empty relay-msg (§21.10)
 *     holding the next message, relay or not. Layers are unwrapped in a loop, at most
 *     {@link Dhcp6Message#MAX_RELAYS} as Kea allows; hop count and addresses are not judged
 *     (a link address of :: decodes, CVE-2010-3611: the server decides).</li>
 * <li>RFC 8415 §21.1: every option's length fits in what encloses it; relay-msg, IA and address
 *     options are walked inside the packet's own bytes, never copied out before they are checked
 *     (CVE-2017-14492/14493/14494 and CVE-2022-0934 were lengths trusted past the buffer).</li>
 * <li>The option rules of {@code Dhcp6Options}: DUID bounds, IA layouts, pd-exclude, fixed sizes.</li>
 * </ul>
 * Positions in exception messages and {@link MalformedPacketException#offset()} are relative to
 * the start of the packet, also inside relay layers and IA options.
 */
public final class Dhcp6Decoder {

    /** Type and transaction id. */
    public static final int HEADER_LEN = 4;

    private Dhcp6Decoder() {
    }

    public static Dhcp6Message decode(byte[] buf) throws MalformedPacketException {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes {@code len} bytes of {@code buf} from {@code off}.
     *
     * @throws MalformedPacketException for any byte content that is not a DHCPv6 message
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie inside {@code buf}
     *         (a caller bug, not bad input)
     */
    public static Dhcp6Message decode(byte[] buf, int off, int len) throws MalformedPacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        Dhcp6Message.Builder b = Dhcp6Message.builder();
        int p = off;
        int end = off + len;
        while (true) {
            int at = p - off;
            if (end - p < 1) {
                throw new MalformedPacketException("packet length " + len + " has no message type", at);
            }
            int type = buf[p] & 0xFF;
            if (type != Dhcp6MessageType.RELAY_FORW.code() && type != Dhcp6MessageType.RELAY_REPL.code()) {
                if (end - p < HEADER_LEN) {
                    throw new MalformedPacketException("message at offset " + at + " has " + (end - p)
                            + " octets, shorter than the " + HEADER_LEN + "-octet header", at);
                }
                Dhcp6Options.validate(buf, p + HEADER_LEN, end, off, 0, -1);
                return b.type(type)
                        .transactionId(((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF))
                        .addDecoded(Dhcp6Options.split(buf, p + HEADER_LEN, end))
                        .build();
            }
            if (end - p < Dhcp6Relay.HEADER_LEN) {
                throw new MalformedPacketException("relay message at offset " + at + " has " + (end - p)
                        + " octets, shorter than the " + Dhcp6Relay.HEADER_LEN + "-octet relay header", at);
            }
            if (b.relayCount() == Dhcp6Message.MAX_RELAYS) {
                throw new MalformedPacketException("relay message at offset " + at + " is nested deeper than "
                        + Dhcp6Message.MAX_RELAYS + " relay layers", at);
            }
            int from = p + Dhcp6Relay.HEADER_LEN;
            Dhcp6Options.validate(buf, from, end, off, 0, -1);
            List<Dhcp6Option> options = new ArrayList<>();
            int msgIndex = -1;
            int inner = -1;
            int innerLen = 0;
            for (int q = from; q < end; ) {
                int code = Dhcp6Options.u16(buf, q);
                int olen = Dhcp6Options.u16(buf, q + 2);
                if (code == OptionCodes6.RELAY_MSG) {
                    if (msgIndex >= 0) {
                        throw new MalformedPacketException("relay message at offset " + at
                                + " has a second relay-msg option at offset " + (q - off), q - off);
                    }
                    if (olen == 0) {
                        throw new MalformedPacketException("relay-msg option at offset " + (q - off) + " is empty",
                                q - off);
                    }
                    msgIndex = options.size();
                    inner = q + 4;
                    innerLen = olen;
                } else {
                    byte[] data = new byte[olen];
                    System.arraycopy(buf, q + 4, data, 0, olen);
                    options.add(new Dhcp6Option(code, data));
                }
                q += 4 + olen;
            }
            if (msgIndex < 0) {
                throw new MalformedPacketException("relay message at offset " + at + " has no relay-msg option", at);
            }
            b.addRelay(new Dhcp6Relay(type, buf[p + 1] & 0xFF, Ipv6.address(buf, p + 2), Ipv6.address(buf, p + 18),
                    options, msgIndex));
            p = inner;
            end = inner + innerLen;
        }
    }
}
