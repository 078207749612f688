package io.dhcpsuite.config;

/**
 * A configuration the suite refuses, like {@code kea-dhcp4 -t} does. The message starts with the
 * path of the offending key ({@code Dhcp4/subnet4[0]/pools[1]/pool: ...}) so an operator can find it.
 */
public class ConfigException extends RuntimeException {
    private final String path;

    public ConfigException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    public ConfigException(String path, String message, Throwable cause) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** The key's path, e.g. {@code Dhcp4/subnet4[0]/pools[1]/pool}. */
    public String path() {
        return path;
    }
}
