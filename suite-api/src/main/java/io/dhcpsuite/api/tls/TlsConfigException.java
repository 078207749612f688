package io.dhcpsuite.api.tls;

/** A TLS file that cannot be used; the message names the key ({@code cert-file}, ...) and the file. */
public final class TlsConfigException extends IllegalArgumentException {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
