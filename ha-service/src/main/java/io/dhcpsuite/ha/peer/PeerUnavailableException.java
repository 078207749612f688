package io.dhcpsuite.ha.peer;

/** No usable answer came back: connection refused, timeout, not Kea's JSON. */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message);
    }
}
