package io.dhcpsuite.config.ha;

import java.net.URI;

/**
 * One entry of {@code peers}. TLS file names are already resolved against the relationship-wide
 * values (a peer's own value wins, an empty string means unset); {@code basicAuthPassword} holds
 * the password file's content when {@code basic-auth-password-file} was given.
 *
 * @param url the peer's URL, whose host is an IP literal
 * @param basicAuthUser null when the peer needs no basic auth
 */
public record HaPeer(String name, URI url, HaRole role, boolean autoFailover, String basicAuthUser,
        String basicAuthPassword, String basicAuthPasswordFile, String trustAnchor, String certFile,
        String keyFile) {

    /** Whether requests to (or, for this server, on) this peer's URL use TLS. */
    public boolean tls() {
        return trustAnchor != null;
    }

    /** The class Kea gives queries in this peer's scope, {@code HA_<name>}. */
    public String scopeClass() {
        return "HA_" + name;
    }
}
