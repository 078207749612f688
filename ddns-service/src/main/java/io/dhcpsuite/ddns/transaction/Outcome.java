package io.dhcpsuite.ddns.transaction;

/**
 * How a transaction ended, as Kea's {@code transactionOutcomeString()} reports it.
 *
 * @param forwardDone whether the forward change completed (or was not requested)
 * @param reason      null on success; otherwise what stopped it
 */
public record Outcome(boolean ok, boolean forwardDone, boolean reverseDone, String reason) {
}
