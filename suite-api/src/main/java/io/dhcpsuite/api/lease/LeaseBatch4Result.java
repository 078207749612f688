package io.dhcpsuite.api.lease;

import java.util.List;

/** The results of a {@link LeaseBatch4}, one per op, in the same order. */
public record LeaseBatch4Result(List<LeaseResult4> results) {
}
