package io.dhcpsuite.config;

/** A key that Kea knows and the suite accepts without implementing it; {@code path} as in errors. */
public record ConfigWarning(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
