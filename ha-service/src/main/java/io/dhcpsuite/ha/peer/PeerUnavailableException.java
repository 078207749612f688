package io.dhcpsuite.ha.peer;

/** No usable answer came back: connection refused, timeout, not Kea's JSON, HTTP 401 or 403. */
public class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message);
    }

    /**
     * The peer's listener refused this command with HTTP 403: Kea's answer under
     * {@code restrict-commands} to a command outside its partner set, so for a command only the
     * suite knows it means "not supported there".
     */
    public static final class Forbidden extends PeerUnavailableException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
