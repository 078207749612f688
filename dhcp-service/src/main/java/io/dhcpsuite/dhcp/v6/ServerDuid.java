package io.dhcpsuite.dhcp.v6;

import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.config.ServerId;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's DUID (RFC 8415 §11), made once and kept, as Kea keeps it: in the file
 * {@value #FILE_NAME} of the data directory, as colon-separated hex. At start-up a DUID configured
 * in full ({@code server-id} with an {@code identifier}) is used and written; otherwise the file's
 * DUID is used when it reads; otherwise a new one is made from {@code server-id} (DUID-LLT by
 * default: hardware type and address of the first interface that has one, the current time) and
 * written, unless {@code persist} is false.
 */
public final class ServerDuid {
    public static final String FILE_NAME = "kea-dhcp6-serverid";
    /** ISC's enterprise number, Kea's default for DUID-EN. */
    static final long ISC_ENTERPRISE = 2495;
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.dhcp6");

    private ServerDuid() {
    }

    /** The DUID to use, reading and writing {@code directory}/{@value #FILE_NAME}. */
    public static Duid load(ServerId config, Path directory, Clock clock) {
        ServerId c = config == null ? ServerId.DEFAULTS : config;
        Path file = directory.resolve(FILE_NAME);
        Duid duid = null;
        if (c.identifier().isEmpty() && Files.isReadable(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                duid = Duid.fromHex(text);
                if (!matchesType(duid, c.type())) {
                    log.info("DHCP6_SERVERID_TYPE_CHANGED the DUID in {} is not of type {}; making a new one", file, c.type());
                    duid = null;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("DHCP6_SERVERID_READ_FAIL cannot use the server DUID in {}: {}; making a new one", file, e.getMessage());
                duid = null;
            }
            if (duid != null) {
                return duid;
            }
        }
        duid = make(c, clock);
        if (c.persist()) {
            try {
                Files.createDirectories(directory);
                Files.writeString(file, duid.toHex() + "\n", StandardCharsets.US_ASCII);
                log.info("DHCP6_SERVERID_WRITTEN server DUID {} kept in {}", duid.toHex(), file);
            } catch (IOException e) {
                log.warn("DHCP6_SERVERID_WRITE_FAIL cannot keep the server DUID in {}: {}; it changes at the next start",
                        file, e.toString());
            }
        }
        return duid;
    }

    private static boolean matchesType(Duid duid, String type) {
        return switch (type) {
            case "EN" -> duid.type() == Duid.Type.EN;
            case "LL" -> duid.type() == Duid.Type.LL;
            default -> duid.type() == Duid.Type.LLT;
        };
    }

    static Duid make(ServerId c, Clock clock) {
        byte[] id = c.identifier().isEmpty() ? null : HexFormat.of().parseHex(c.identifier().replace(":", ""));
        return switch (c.type()) {
            case "EN" -> Duid.en(c.enterpriseId() == 0 ? ISC_ENTERPRISE : c.enterpriseId(),
                    id != null ? id : random(6));
            case "LL" -> Duid.ll(c.htype() == 0 ? 1 : c.htype(), id != null ? id : hardwareAddress());
            default -> Duid.llt(c.htype() == 0 ? 1 : c.htype(),
                    c.time() != 0 ? c.time() : (clock.instant().getEpochSecond() - Duid.EPOCH_2000) & 0xFFFF_FFFFL,
                    id != null ? id : hardwareAddress());
        };
    }

    /** The first non-loopback interface's hardware address, or random octets when none has one. */
    private static byte[] hardwareAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = ni.getHardwareAddress();
                if (!ni.isLoopback() && mac != null && mac.length >= 6 && !allZero(mac)) {
                    return mac;
                }
            }
        } catch (SocketException e) {
            // no interface list: random octets
        }
        return random(6);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
