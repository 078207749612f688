package io.dhcpsuite.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the hex fixtures in src/test/resources/captures; see the comments in each file. */
final class Captures {

    private Captures() {
    }

    static Map<String, byte[]> load(String resource) {
        try (InputStream in = Captures.class.getResourceAsStream("/captures/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                out.put(parts[0], HexFormat.of().parseHex(parts[1]));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] get(String name) {
        byte[] b = load("kea-2.2-perfdhcp.hex").get(name);
        if (b == null) {
            throw new IllegalArgumentException("no capture " + name);
        }
        return b;
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replaceAll("[\\s:]", ""));
    }
}
