package io.dhcpsuite.ha.sync;

import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.ha.command.CommandCreator;
import io.dhcpsuite.ha.peer.CommandClient;
import io.dhcpsuite.ha.peer.PeerUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pulls the partner's leases into the local lease store, one direction, as Kea's
 * {@code HAService::synchronize} does: the partner's DHCP is disabled (origin 2000+relationship,
 * {@code max-period} = sync-timeout, refreshed before every page), pages of
 * {@code lease4-get-page} are applied (a lease absent here is added, one with an older
 * {@code cltt} here is replaced, anything else kept; local leases the partner lacks are kept), and
 * the partner is told with {@code ha-sync-complete-notify}, or {@code dhcp-enable} when it is a
 * Kea too old for that (result 2). The partner is re-enabled whenever it was disabled, also after
 * a failure.
 */
public final class LeaseSync {
    private static final Logger log = LoggerFactory.getLogger(LeaseSync.class);
    private final HaRelationship config;
    private final CommandClient partner;
    private final CommandClient leases;

    /** The outcome: ok, a Kea-style message, and how many leases came and were written. */
    public record Result(boolean ok, String message, long fetched, long applied) {
    }

    public LeaseSync(HaRelationship config, CommandClient partner, CommandClient leases) {
        this.config = config;
        this.partner = partner;
        this.leases = leases;
    }

    /** @param maxPeriodSeconds the partner's dhcp-disable max-period; 0 for none */
    public Result run(long maxPeriodSeconds) {
        Duration timeout = Duration.ofMillis(Math.max(1000, config.syncTimeout()));
        int origin = config.remoteOrigin();
        long fetched = 0;
        long applied = 0;
        boolean disabled = false;
        String partnerName = config.partner().name();
        log.info("HA_SYNC_START starting lease database synchronization with {}", partnerName);
        try {
            expectSuccess(partner.send(CommandCreator.dhcpDisable(origin, maxPeriodSeconds), timeout), "dhcp-disable");
            disabled = true;
            String from = "start";
            while (true) {
                CommandResponse page = partner.send(CommandCreator.lease4GetPage(from, config.syncPageLimit()), timeout);
                if (page.result() == ResultCode.EMPTY) {
                    break;
                }
                expectSuccess(page, "lease4-get-page");
                JsonNode list = page.arguments() == null ? null : page.arguments().get("leases");
                int count = list == null ? 0 : list.size();
                log.info("HA_LEASES_SYNC_LEASE_PAGE_RECEIVED received {} leases from {}", count, partnerName);
                for (int i = 0; i < count; i++) {
                    fetched++;
                    if (apply(list.get(i), timeout)) {
                        applied++;
                    }
                }
                if (count < config.syncPageLimit()) {
                    break;
                }
                from = list.get(count - 1).path("ip-address").asString();
                // Kea refreshes the partner's max-period before every page
                expectSuccess(partner.send(CommandCreator.dhcpDisable(origin, maxPeriodSeconds), timeout), "dhcp-disable");
            }
            log.info("HA_SYNC_SUCCESSFUL lease database synchronization with {} completed successfully: {} leases, {} written",
                    partnerName, fetched, applied);
            return new Result(true, "Lease database synchronization complete.", fetched, applied);
        } catch (PeerUnavailableException | SyncException e) {
            log.warn("HA_SYNC_FAILED lease database synchronization with {} failed: {}", partnerName, e.getMessage());
            return new Result(false, "lease database synchronization with " + partnerName + " failed: " + e.getMessage(),
                    fetched, applied);
        } finally {
            if (disabled) {
                reenablePartner(origin, timeout);
            }
        }
    }

    private void reenablePartner(int origin, Duration timeout) {
        try {
            CommandResponse n = partner.send(CommandCreator.syncCompleteNotify(config.thisServerName(), origin), timeout);
            if (n.result() == ResultCode.UNSUPPORTED) {
                partner.send(CommandCreator.dhcpEnable(origin), timeout);
            }
        } catch (PeerUnavailableException e) {
            log.warn("HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED {}; the partner re-enables itself after max-period",
                    e.getMessage());
        }
    }

    /** Writes one fetched lease if it is new here or newer than ours. */
    private boolean apply(JsonNode lease, Duration timeout) {
        String address = lease.path("ip-address").asString();
        ObjectNode get = JsonNodeFactory.instance.objectNode();
        get.put("ip-address", address);
        CommandResponse local = leases.send(new CommandRequest("lease4-get", null, get), timeout);
        if (local.result() == ResultCode.SUCCESS && local.arguments() != null) {
            long ours = local.arguments().path("cltt").asLong(0);
            if (ours >= lease.path("cltt").asLong(0)) {
                return false;
            }
        } else if (local.result() != ResultCode.EMPTY) {
            throw new SyncException("lease4-get " + address + " on the local lease store: " + local.text());
        }
        CommandResponse written = leases.send(CommandCreator.lease4UpdateFromPartner(lease), timeout);
        if (written.result() != ResultCode.SUCCESS) {
            throw new SyncException("storing lease " + address + " locally: " + written.text());
        }
        return true;
    }

    private static void expectSuccess(CommandResponse r, String what) {
        if (r.result() != ResultCode.SUCCESS) {
            throw new SyncException(what + " answered " + r.result() + (r.text() == null ? "" : " (" + r.text() + ")"));
        }
    }

    private static final class SyncException extends RuntimeException {
        SyncException(String message) {
            super(message);
        }
    }
}
