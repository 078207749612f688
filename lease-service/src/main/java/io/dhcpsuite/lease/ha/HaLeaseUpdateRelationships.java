package io.dhcpsuite.lease.ha;

import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.config.ha.HaConfig;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.lease.store.ChangesNotAcknowledged;
import io.dhcpsuite.lease.store.LeaseChange;
import io.dhcpsuite.lease.store.LeaseChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The lease updates of every HA relationship of this server: one {@link HaLeaseUpdates} per
 * relationship. With one relationship (a classic pair) every change goes to it. With several (a
 * hub-and-spoke hub, Kea 2.5.5+) each lease goes to the relationship that names its subnet's
 * {@code user-context.ha-server-name} as a peer, and a lease of a subnet that names none goes to
 * nobody; the transaction's replies wait for all of them, and only the replies of the changes
 * whose updates failed are dropped.
 */
public final class HaLeaseUpdateRelationships {
    private final HaConfig config;
    private final List<HaLeaseUpdates> updates;
    private final Map<Long, Integer> bySubnet;
    private final boolean active;

    private HaLeaseUpdateRelationships(HaConfig config, List<HaLeaseUpdates> updates, Map<Long, Integer> bySubnet) {
        this.config = config;
        this.updates = List.copyOf(updates);
        this.bySubnet = Map.copyOf(bySubnet);
        this.active = this.updates.stream().anyMatch(HaLeaseUpdates::active);
    }

    /** From the configuration's libdhcp_ha.so entry; inactive without one. */
    public static HaLeaseUpdateRelationships of(Dhcp4Config dhcp4, HaLeaseUpdates.Transport settings, MeterRegistry meters) {
        HaConfig ha = dhcp4 == null ? null : HaConfigParser.fromHooks(dhcp4.hooksLibraries(), "Dhcp4/hooks-libraries");
        if (ha == null) {
            return new HaLeaseUpdateRelationships(null, List.of(HaLeaseUpdates.of((HaRelationship) null, settings, meters)), Map.of());
        }
        List<HaLeaseUpdates> list = new ArrayList<>();
        for (HaRelationship r : ha.relationships()) {
            list.add(HaLeaseUpdates.of(r, settings, meters));
        }
        Map<Long, Integer> map = new HashMap<>();
        if (list.size() > 1) {
            for (Subnet4 s : dhcp4.subnets()) {
                HaRelationship r = s.haServerName() == null ? null : ha.relationshipOf(s.haServerName());
                if (r != null) {
                    map.put(s.id(), ha.relationships().indexOf(r));
                }
            }
        }
        return new HaLeaseUpdateRelationships(ha, list, map);
    }

    /** Whether this server sends lease updates to anyone. */
    public boolean active() {
        return active;
    }

    /**
     * The updates of the relationship that names {@code serverName} as a peer; the first when it is
     * null.
     *
     * @throws IllegalArgumentException when no relationship names it
     */
    public HaLeaseUpdates relationship(String serverName) {
        if (serverName == null || config == null) {
            return updates.getFirst();
        }
        HaRelationship r = config.relationshipOf(serverName);
        if (r == null) {
            throw new IllegalArgumentException("no HA relationship has a server named '" + serverName + "'");
        }
        return updates.get(config.relationships().indexOf(r));
    }

    /** The lease change listener's work: each change to its relationship's peers. */
    public CompletionStage<Void> changed(LeaseChanges changes) {
        if (updates.size() == 1) {
            return updates.getFirst().changed(changes);
        }
        if (changes.origin() != LeaseChange.Origin.DHCP) {
            return null;
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < changes.changes().size(); i++) {
            Integer r = bySubnet.get(changes.changes().get(i).lease().subnetId());
            if (r != null) {
                groups.computeIfAbsent(r, k -> new ArrayList<>()).add(i);
            }
        }
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        List<List<Integer>> indexes = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            List<LeaseChange> part = new ArrayList<>(g.getValue().size());
            for (int i : g.getValue()) {
                part.add(changes.changes().get(i));
            }
            CompletionStage<Void> s = updates.get(g.getKey()).changed(new LeaseChanges(changes.origin(), part));
            if (s != null) {
                stages.add(s.toCompletableFuture());
                indexes.add(g.getValue());
            }
        }
        if (stages.isEmpty()) {
            return null;
        }
        return CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).handle((ok, error) -> {
            if (error == null) {
                return null;
            }
            // map each relationship's failed changes back to the transaction's indexes
            BitSet failed = new BitSet(changes.changes().size());
            Throwable first = null;
            for (int s = 0; s < stages.size(); s++) {
                if (!stages.get(s).isCompletedExceptionally()) {
                    continue;
                }
                Throwable e = stages.get(s).exceptionNow();
                first = first == null ? e : first;
                List<Integer> idx = indexes.get(s);
                for (int k = 0; k < idx.size(); k++) {
                    if (!(e instanceof ChangesNotAcknowledged n) || n.anyFailed(k, k + 1)) {
                        failed.set(idx.get(k));
                    }
                }
            }
            throw new ChangesNotAcknowledged(failed, first == null ? String.valueOf(error) : first.getMessage(), first);
        });
    }
}
