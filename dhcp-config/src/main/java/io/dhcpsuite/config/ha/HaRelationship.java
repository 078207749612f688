package io.dhcpsuite.config.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code high-availability}: this server's view of one relationship. Timers are in
 * milliseconds as in Kea's file. Peers keep the file's order; {@link #activeServers()} gives the
 * order the load-balancing hash indexes (primary, then secondary or standby).
 *
 * @param id the relationship's index in the list; Kea's remote origin for dhcp-disable is 2000+id
 */
public record HaRelationship(int id, String thisServerName, HaMode mode, int heartbeatDelay, int maxResponseDelay,
        int maxAckDelay, long maxUnackedClients, long maxRejectedLeaseUpdates, long delayedUpdatesLimit,
        boolean sendLeaseUpdates, boolean syncLeases, long syncTimeout, long syncPageLimit, boolean waitBackupAck,
        boolean requireClientCerts, boolean restrictCommands, MultiThreading multiThreading,
        Map<HaState, HaPausePolicy> stateMachine, List<HaPeer> peers) {

    /** Kea's dhcp-disable/dhcp-enable origin for commands from a partner of relationship 0. */
    public static final int REMOTE_ORIGIN_BASE = 2000;
    /** Kea's origin for the HA service's own disabling of local DHCP in relationship 0. */
    public static final int LOCAL_ORIGIN_BASE = 1000;

    /** {@code multi-threading} of the relationship. */
    public record MultiThreading(boolean enabled, boolean httpDedicatedListener, long httpListenerThreads,
            long httpClientThreads) {
    }

    public HaRelationship {
        stateMachine = Map.copyOf(stateMachine);
        peers = List.copyOf(peers);
    }

    public HaPeer thisServer() {
        return peer(thisServerName);
    }

    /** The peer named {@code name}, or null. */
    public HaPeer peer(String name) {
        for (HaPeer p : peers) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The peer with {@code role}, or null (for backups: the first). */
    public HaPeer byRole(HaRole role) {
        for (HaPeer p : peers) {
            if (p.role() == role) {
                return p;
            }
        }
        return null;
    }

    /**
     * The other active server of the pair (for a backup: the primary, whose updates it receives);
     * null in passive-backup on the primary.
     */
    public HaPeer partner() {
        HaPeer me = thisServer();
        if (me.role() == HaRole.BACKUP) {
            return byRole(HaRole.PRIMARY);
        }
        for (HaPeer p : activeServers()) {
            if (!p.name().equals(thisServerName)) {
                return p;
            }
        }
        return null;
    }

    /** The backup servers, in file order. */
    public List<HaPeer> backups() {
        List<HaPeer> out = new ArrayList<>();
        for (HaPeer p : peers) {
            if (p.role() == HaRole.BACKUP) {
                out.add(p);
            }
        }
        return out;
    }

    /** The active servers in the hash's order: primary first, then the secondary or the standby. */
    public List<HaPeer> activeServers() {
        List<HaPeer> out = new ArrayList<>(2);
        out.add(byRole(HaRole.PRIMARY));
        HaPeer second = mode == HaMode.LOAD_BALANCING ? byRole(HaRole.SECONDARY)
                : mode == HaMode.HOT_STANDBY ? byRole(HaRole.STANDBY) : null;
        if (second != null) {
            out.add(second);
        }
        return out;
    }

    public HaPausePolicy pause(HaState state) {
        return stateMachine.getOrDefault(state, HaPausePolicy.NEVER);
    }

    public int remoteOrigin() {
        return REMOTE_ORIGIN_BASE + id;
    }

    public int localOrigin() {
        return LOCAL_ORIGIN_BASE + id;
    }
}
