package io.dhcpsuite.lease.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.lease.LeaseState;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.lease.store.LeaseChange.Kind;
import io.dhcpsuite.lease.store.LeaseChange.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Transactions return and publish the changes they made; gating listeners hold their completion. */
class LeaseStoreTest {
    private final List<String> bookkept = new ArrayList<>();
    private final List<List<LeaseChange>> written = new ArrayList<>();
    private final List<LeaseChanges> published = new ArrayList<>();
    private final CompletableFuture<Void> write = new CompletableFuture<>();

    private static Lease lease(String address, String hw) {
        return new Lease(Ipv4.parse(address), hw, null, 3600, 1_700_000_000L, 1, 0, false, false, "", LeaseState.DEFAULT, null);
    }

    private LeaseStore store(List<LeaseChangeListener> listeners) {
        return new LeaseStore((before, after) -> bookkept.add((before == null ? "-" : before.hwAddress()) + ">"
                + (after == null ? "-" : after.hwAddress())), changes -> {
                    written.add(changes);
                    return write;
                }, listeners);
    }

    @Test
    void aTransactionReturnsItsChangesWithKindAndOriginAndHandsThemToTheWriterThenTheListeners() {
        LeaseStore store = store(List.of(c -> {
            assertThat(written).as("the writer has them first").hasSize(published.size() + 1);
            published.add(c);
            return null;
        }));
        store.transact(Origin.COMMAND, tx -> tx.put(lease("192.0.2.10", "02:00:00:00:00:01")));
        LeaseStore.Committed<Lease> c = store.transact(Origin.DHCP, tx -> {
            tx.put(lease("192.0.2.10", "02:00:00:00:00:02"));
            tx.put(lease("192.0.2.11", "02:00:00:00:00:03"));
            assertThat(tx.remove(Ipv4.parse("192.0.2.99"))).as("nothing there: no change").isNull();
            return tx.remove(Ipv4.parse("192.0.2.11"));
        });

        assertThat(c.value().hwAddress()).isEqualTo("02:00:00:00:00:03");
        assertThat(c.changes()).extracting(LeaseChange::kind).containsExactly(Kind.UPDATED, Kind.ADDED, Kind.DELETED);
        assertThat(c.changes()).extracting(LeaseChange::origin).containsOnly(Origin.DHCP);
        assertThat(c.changes().get(2).delete()).isTrue();
        assertThat(written).hasSize(2).last().isSameAs(c.changes());
        assertThat(published).extracting(LeaseChanges::origin).containsExactly(Origin.COMMAND, Origin.DHCP);
        assertThat(published.get(1).changes()).isEqualTo(c.changes());
        assertThat(bookkept).containsExactly("->02:00:00:00:00:01", "02:00:00:00:00:01>02:00:00:00:00:02",
                "->02:00:00:00:00:03", "02:00:00:00:00:03>-");
        assertThat(store.read(LeaseView::size)).isEqualTo(1);
    }

    @Test
    void aTransactionThatChangesNothingWritesAndPublishesNothingAndIsDoneAtOnce() {
        LeaseStore store = store(List.of(c -> {
            published.add(c);
            return new CompletableFuture<>();
        }));
        LeaseStore.Committed<Integer> c = store.transact(Origin.DHCP, LeaseView::size);
        assertThat(c.done()).isCompleted();
        assertThat(written).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void answersWaitForTheWriteAndEveryGatingListenerAndFailWithEither() {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        LeaseStore store = store(List.of(c -> null, c -> ack));
        LeaseStore.Committed<Lease> c = store.transact(Origin.DHCP, tx -> tx.put(lease("192.0.2.10", "02:00:00:00:00:01")));
        assertThat(c.done()).isNotDone();
        write.complete(null);
        assertThat(c.done()).as("durable, not yet acknowledged").isNotDone();
        ack.completeExceptionally(new IllegalStateException("partner did not answer"));
        assertThat(c.done()).isCompletedExceptionally();
        assertThatThrownBy(c.done()::join).isInstanceOf(CompletionException.class).hasMessageContaining("partner did not answer");
    }

    @Test
    void withoutListenersTheAnswerIsTheWritersOwnFuture() {
        LeaseStore store = store(List.of());
        LeaseStore.Committed<Lease> c = store.transact(Origin.DHCP, tx -> tx.put(lease("192.0.2.10", "02:00:00:00:00:01")));
        assertThat(c.done()).as("nothing combined on the hot path").isSameAs(write);
    }

    @Test
    void aListenerThatThrowsFailsTheAnswersButNotTheStore() {
        LeaseStore store = store(List.of(c -> {
            throw new IllegalStateException("listener broke");
        }));
        write.complete(null);
        LeaseStore.Committed<Lease> c = store.transact(Origin.DHCP, tx -> tx.put(lease("192.0.2.10", "02:00:00:00:00:01")));
        assertThat(c.done()).isCompletedExceptionally();
        assertThat(store.read((LeaseView v) -> v.get(Ipv4.parse("192.0.2.10")))).isNotNull();
    }

    @Test
    void changesMadeBeforeAnExceptionAreStillWrittenAndPublished() {
        LeaseStore store = store(List.of(c -> {
            published.add(c);
            return null;
        }));
        assertThatThrownBy(() -> store.transact(Origin.COMMAND, tx -> {
            tx.put(lease("192.0.2.10", "02:00:00:00:00:01"));
            throw new IllegalArgumentException("refused after a change");
        })).hasMessage("refused after a change");
        assertThat(written).hasSize(1);
        assertThat(published).hasSize(1);
        assertThat(store.heldByCurrentThread()).isFalse();
    }
}
