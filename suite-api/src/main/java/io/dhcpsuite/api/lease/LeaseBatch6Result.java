package io.dhcpsuite.api.lease;

import java.util.List;

/** The results of a {@link LeaseBatch6}, one per op, in the same order. */
public record LeaseBatch6Result(List<LeaseResult6> results) {
}
