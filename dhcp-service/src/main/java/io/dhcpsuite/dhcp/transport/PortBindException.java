package io.dhcpsuite.dhcp.transport;

/** A DHCP socket could not be bound; the message says why in an operator's words. */
public class PortBindException extends RuntimeException {
    public PortBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
