package io.dhcpsuite.lease.v6;

import static io.dhcpsuite.lease.v6.V6Support.duid;
import static io.dhcpsuite.lease.v6.V6Support.na;
import static io.dhcpsuite.lease.v6.V6Support.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseOp6.Kind;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.LeaseResult6.Status;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How a v6 batch answers when its write or HA's lease updates fail (the wire's view of
 * Lease6BatchService). The three assigns take the three free addresses of subnet 1; the advertise
 * holds a prefix and writes nothing.
 */
class Lease6BatchServiceTest {

    /** HA's peers as HaLeaseUpdates fails them: the change of {@code duid} not acknowledged, thrown from a stage. */
    static Function<List<Lease6Change>, CompletionStage<Void>> refusing(String duid) {
        return changes -> {
            BitSet failed = new BitSet();
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).lease().duid().equals(duid)) {
                    failed.set(i);
                }
            }
            return CompletableFuture.completedFuture(null).handle((ok, e) -> {
                throw new ChangesNotAcknowledged(failed, "lease6-update for " + duid + " answered 4", null);
            });
        };
    }

    static List<LeaseResult6> run(Lease6Writer writer) throws Exception {
        var cfg = V6Support.config();
        Clock clock = Clock.systemUTC();
        Allocation6Engine engine = new Allocation6Engine(cfg, new Lease6Stats(new Statistics(clock), cfg), clock, writer);
        Lease6BatchService service = new Lease6BatchService(engine, Duration.ofSeconds(5), () -> false);
        return service.process(new LeaseBatch6(List.of(
                op(Kind.ASSIGN, duid(1), List.of(1L), na(1)),
                op(Kind.ADVERTISE, duid(2), List.of(1L), V6Support.pd(1)),
                op(Kind.ASSIGN, duid(3), List.of(1L), na(1)),
                op(Kind.ASSIGN, duid(4), List.of(1L), na(1))))).get(5, TimeUnit.SECONDS).results();
    }

    @Test
    void aPeerThatRefusesOneChangeFailsOnlyTheOpThatMadeIt() throws Exception {
        List<LeaseResult6> r = run(Lease6Writer.gated(Lease6Writer.MEMORY_ONLY, refusing(duid(3))));
        for (int i : new int[] {0, 3}) {
            assertThat(r.get(i).ias().getFirst().leases()).as("op %d was assigned an address", i).hasSize(1);
        }
        assertThat(r).extracting(LeaseResult6::status)
                .as("the advertise wrote nothing; of the three assigns only the refused one fails")
                .containsExactly(Status.OK, Status.OK, Status.ERROR, Status.OK);
        assertThat(r.get(2).message()).contains("not acknowledged").contains("answered 4");
    }

    @Test
    void aFailedWriteFailsEveryOpThatChangedALeaseEvenWhenThePeersRefusedOnlyOne() throws Exception {
        Lease6Writer failing = changes -> CompletableFuture.failedFuture(new IOException("No space left on device"));
        List<LeaseResult6> r = run(Lease6Writer.gated(failing, refusing(duid(3))));
        assertThat(r).extracting(LeaseResult6::status).containsExactly(Status.ERROR, Status.OK, Status.ERROR, Status.ERROR);
        assertThat(r.get(0).message()).isEqualTo("lease store write failed");
    }

    @Test
    void peersWithNothingToWaitForLeaveTheWriteAlone() throws Exception {
        List<LeaseResult6> r = run(Lease6Writer.gated(Lease6Writer.MEMORY_ONLY, changes -> null));
        assertThat(r).extracting(LeaseResult6::status).containsOnly(Status.OK);
    }
}
