/**
 * TLS between HA peers as Kea sets it up ({@code trust-anchor}, {@code cert-file}, {@code key-file}
 * in PEM, {@code require-client-certs}): one place that turns the three file names into an
 * {@link javax.net.ssl.SSLContext} for either side, with start-up errors that name the key.
 */
package io.dhcpsuite.api.tls;
