package io.dhcpsuite.ddns.dns;

import org.xbill.DNS.Message;

/** Sends one DNS UPDATE and waits for its answer; the transactions are written against this. */
@FunctionalInterface
public interface UpdateSender {

    /** Kea's {@code DNSClient::Status}: only SUCCESS carries a response. */
    enum Status { SUCCESS, TIMEOUT, OTHER, INVALID_RESPONSE }

    record Result(Status status, Message response, String detail) {
        public int rcode() {
            return response == null ? -1 : response.getRcode();
        }
    }

    Result send(Message update, DnsServerTarget server);
}
