package io.dhcpsuite.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.command.CommandDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class LeaseListerTest {
    final FakeLeaseStore store = new FakeLeaseStore();
    LeaseLister lister;

    @BeforeEach
    void fill() {
        CommandDispatcher d = new CommandDispatcher();
        store.register(d);
        lister = new LeaseLister(d::dispatch);
        for (int i = 1; i <= 250; i++) {
            store.add("10.0." + (i / 256) + "." + (i % 256), String.format("02:00:00:00:00:%02x", i % 7),
                    i % 2 == 0 ? 1 : 2, i % 5 == 0 ? 1 : 0, i % 10 == 0 ? "Printer-" + i : "host-" + i);
        }
    }

    @Test
    void walksEveryLeaseExactlyOnceInAddressOrderAcrossPages() {
        List<String> seen = walk(LeaseFilter.of(null, null, null, null), 7);

        assertThat(seen).hasSize(250).doesNotHaveDuplicates();
        assertThat(seen.getFirst()).isEqualTo("10.0.0.1");
        assertThat(seen.getLast()).isEqualTo("10.0.0.250");
    }

    @Test
    void filtersBySubnetStateAndHostnamePrefix() {
        List<String> seen = walk(LeaseFilter.of(1L, "declined", null, "printer"), 3);

        // Even, multiple of 5 and of 10: every tenth lease.
        assertThat(seen).hasSize(25).allMatch(a -> Integer.parseInt(a.substring(a.lastIndexOf('.') + 1)) % 10 == 0);
    }

    @Test
    void usesTheHardwareAddressIndexAndPaginatesItsResult() {
        int pagesBefore = store.pageCalls;
        List<String> seen = walk(LeaseFilter.of(null, null, "02-00-00-00-00-03", null), 4);

        assertThat(seen).hasSize(36).isSortedAccordingTo((a, b) -> Long.compare(Ipv4.toLong(a), Ipv4.toLong(b)));
        assertThat(store.pageCalls).isEqualTo(pagesBefore);
    }

    @Test
    void endsWithoutACursorWhenTheLastPageIsExactlyFull() {
        LeaseLister.Page page = lister.list(LeaseFilter.of(null, null, null, null), 250, null);

        assertThat(page.items()).hasSize(250);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void refusesACursorItDidNotIssue() {
        assertThatThrownBy(() -> lister.list(LeaseFilter.of(null, null, null, null), 10, "not-a-cursor"))
                .isInstanceOfSatisfying(ErrorResponseException.class, e ->
                        assertThat(e.getBody().getType().toString()).isEqualTo(Problems.INVALID_CURSOR));
        assertThatThrownBy(() -> lister.list(LeaseFilter.of(null, null, null, null), 10,
                java.util.Base64.getUrlEncoder().encodeToString("v1:999.1.1.1".getBytes())))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void refusesMalformedFilters() {
        assertThatThrownBy(() -> LeaseFilter.of(null, "happy", null, null)).isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> LeaseFilter.of(null, null, "zz:zz", null)).isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> LeaseFilter.of(0L, null, null, null)).isInstanceOf(ErrorResponseException.class);
    }

    private List<String> walk(LeaseFilter filter, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 1000; guard++) {
            LeaseLister.Page page = lister.list(filter, limit, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().stream().map(l -> l.path("ip-address").asString()).forEach(seen::add);
            cursor = page.nextCursor();
            if (cursor == null) {
                return seen;
            }
        }
        throw new AssertionError("pagination did not end");
    }

}
