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
 * Pulls the partner's leases into the local lease store, one direction. Every page fetched is
 * applied by one {@code ha-sync-apply} to the local lease-service: Kea's rule (a lease absent here
 * is added, one with an older {@code cltt} here is replaced, anything else kept; local leases the
 * partner lacks are kept), one transaction, never sent back to the partner.
 *
 * <p>With a partner that is a suite (it answers {@code ha-sync-page}), the sync is incremental and
 * the partner keeps serving while the bulk is copied:
 * <ol>
 * <li>Bulk: pages in the partner's (cltt, address) order from the saved cursor (the start on the
 * first sync), the partner's DHCP on. A lease the partner changes meanwhile gets a newer cltt and
 * moves ahead of the walk. After each page the cursor is saved with it, so a sync cut short by a
 * crash or a restart resumes there.</li>
 * <li>Catch-up: the partner's DHCP is disabled (origin 2000+relationship, {@code max-period},
 * refreshed before each page), and the walk goes again from the floor (the partner's clock when
 * the interrupted-or-current sync began, minus {@link #MARGIN_SECONDS}): only what changed during
 * the bulk, so the partner is off for seconds, not for the whole copy.</li>
 * <li>The cursor is saved as finished, and the partner told ({@code ha-sync-complete-notify}).</li>
 * </ol>
 * This relies on the partner's clock not stepping back by more than the margin during a sync; a
 * lease the partner receives with an old cltt (a command with a past {@code expire}) after the
 * walk passed it is not seen, as Kea's rule would skip it anyway unless it is new here.
 *
 * <p>A partner that answers {@code ha-sync-page} with result 2 (a Kea, or an older suite) gets
 * Kea's {@code HAService::synchronize} unchanged: its DHCP is disabled for the whole sync while
 * {@code lease4-get-page} pages in address order are applied, then {@code ha-sync-complete-notify},
 * or {@code dhcp-enable} when it is a Kea too old for that (result 2). Either way the partner is
 * re-enabled whenever it was disabled, also after a failure.
 */
public final class LeaseSync {
    /** How far back from the partner's clock the catch-up reads: a change in the same second as the walk, a small clock step. */
    static final long MARGIN_SECONDS = 10;
    /** Bulk passes before the catch-up at most: the first, and passes over what changed during the previous one. */
    static final int MAX_PASSES = 3;
    private static final Logger log = LoggerFactory.getLogger(LeaseSync.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final HaRelationship config;
    private final CommandClient partner;
    private final CommandClient leases;
    private final java.util.function.LongPredicate subnets;
    /** {@code dhcp4}, or {@code dhcp6}: then Kea's protocol with {@code lease6-get-page}. */
    private final String service;

    /**
     * The outcome: ok, a Kea-style message, how many leases came and were written, whether the
     * suite's incremental protocol was used, and how long the partner's DHCP was disabled.
     */
    public record Result(boolean ok, String message, long fetched, long applied, boolean incremental,
                         long partnerDisabledMillis, long totalMillis) {
    }

    public LeaseSync(HaRelationship config, CommandClient partner, CommandClient leases) {
        this(config, partner, leases, null);
    }

    /**
     * @param subnets the subnets whose leases this relationship takes (Kea skips the partner's
     *                leases of other subnets when a hub syncs one relationship); null for all
     */
    public LeaseSync(HaRelationship config, CommandClient partner, CommandClient leases, java.util.function.LongPredicate subnets) {
        this(config, partner, leases, subnets, CommandCreator.DHCP4_SERVICE);
    }

    /**
     * @param service {@code dhcp6} for a DHCPv6 relationship: Kea's own sync (the partner disabled
     *                throughout, {@code lease6-get-page} pages in address order, each applied by a
     *                v6 {@code ha-sync-apply}), with a Kea partner and a suite partner alike
     */
    public LeaseSync(HaRelationship config, CommandClient partner, CommandClient leases, java.util.function.LongPredicate subnets,
                     String service) {
        this.service = service;
        this.config = config;
        this.partner = partner;
        this.leases = leases;
        this.subnets = subnets;
    }

    /** A position in the partner's (cltt, address) order; {@code address} null is before every address of {@code cltt}. */
    record Key(long cltt, String address) {
        static final Key START = new Key(-1, null);

        boolean before(Key o) {
            if (cltt != o.cltt) {
                return cltt < o.cltt;
            }
            if (address == null || o.address == null) {
                return address == null && o.address != null;
            }
            return Integer.compareUnsigned(ip(address), ip(o.address)) < 0;
        }

        private static int ip(String a) {
            String[] p = a.split("\\.");
            return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8)
                    | Integer.parseInt(p[3]);
        }
    }

    /** @param maxPeriodSeconds the partner's dhcp-disable max-period; 0 for none */
    public Result run(long maxPeriodSeconds) {
        Duration timeout = Duration.ofMillis(Math.max(1000, config.syncTimeout()));
        int origin = config.remoteOrigin();
        String partnerName = config.partner().name();
        Progress p = new Progress(System.nanoTime());
        log.info("HA_SYNC_START starting lease database synchronization with {}", partnerName);
        if (!service.equals(CommandCreator.DHCP4_SERVICE)) {
            try {
                return keaSync(maxPeriodSeconds, timeout, p);
            } catch (PeerUnavailableException | SyncException e) {
                log.warn("HA_SYNC_FAILED lease database synchronization with {} failed: {}", partnerName, e.getMessage());
                return new Result(false, "lease database synchronization with " + partnerName + " failed: " + e.getMessage(),
                        p.fetched, p.applied, false, p.disabledMillis(), p.elapsedMillis());
            } finally {
                if (p.disabledAt != 0) {
                    reenablePartner(origin, timeout);
                }
            }
        }
        try {
            JsonNode saved = savedCursor(timeout);
            Key after = saved == null ? Key.START
                    : new Key(saved.path("cltt").asLong(), saved.hasNonNull("ip-address") ? saved.get("ip-address").asString() : null);
            Long floor = saved == null || !saved.hasNonNull("floor") ? null : saved.get("floor").asLong();
            CommandResponse page;
            try {
                page = partner.send(CommandCreator.haSyncPage(after.cltt(), after.address(),
                        config.syncPageLimit()), timeout);
            } catch (PeerUnavailableException.Forbidden e) {
                page = null; // a Kea with restrict-commands: HTTP 403 for a command outside its partner set
            }
            if (page == null || page.result() == ResultCode.UNSUPPORTED) {
                log.info("HA_SYNC_KEA_PAGES {} does not serve ha-sync-page: Kea's lease4-get-page with its DHCP disabled throughout",
                        partnerName);
                return keaSync(maxPeriodSeconds, timeout, p);
            }
            if (saved != null) {
                log.info("HA_SYNC_RESUME continuing the synchronization with {} after cltt {} address {}{}", partnerName,
                        after.cltt(), after.address(), floor == null ? "" : " (unfinished sync, catch-up from cltt " + floor + ")");
            }
            // bulk passes, the partner serving: the first from the cursor, each further one over
            // what changed during the one before, until one pass fits in a page
            Key walk = after;
            for (int pass = 0; ; pass++) {
                Pass done = pass(page, walk, after, floor, null, timeout, p);
                if (after.before(done.last())) {
                    after = done.last();
                }
                floor = floor == null || pass > 0 ? done.floor() : Math.min(floor, done.floor());
                if (done.fetched() < config.syncPageLimit() || pass >= MAX_PASSES - 1) {
                    break;
                }
                walk = lower(after, new Key(floor, null));
                page = partner.send(CommandCreator.haSyncPage(walk.cltt(), walk.address(), config.syncPageLimit()), timeout);
            }
            long bulkMillis = p.elapsedMillis();
            long bulkFetched = p.fetched;
            // catch-up: the partner's DHCP off, what changed since the last pass began
            expectSuccess(partner.send(CommandCreator.dhcpDisable(origin, maxPeriodSeconds), timeout), "dhcp-disable");
            p.disabledAt = System.nanoTime();
            walk = lower(after, new Key(floor, null));
            page = partner.send(CommandCreator.haSyncPage(walk.cltt(), walk.address(), config.syncPageLimit()), timeout);
            Pass last = pass(page, walk, after, floor, () -> expectSuccess(partner.send(
                    CommandCreator.dhcpDisable(origin, maxPeriodSeconds), timeout), "dhcp-disable"), timeout, p);
            if (after.before(last.last())) {
                after = last.last();
            }
            // finished: the next sync starts where changes made from now on will be
            saveCursor(lower(after, new Key(last.floor(), null)), null, timeout);
            log.info("HA_SYNC_CATCH_UP_DONE {} leases copied in {} ms with {} serving, then {} in {} ms with its DHCP disabled",
                    bulkFetched, bulkMillis, partnerName, p.fetched - bulkFetched, p.disabledMillis());
            return p.done(true, partnerName);
        } catch (PeerUnavailableException | SyncException e) {
            log.warn("HA_SYNC_FAILED lease database synchronization with {} failed: {}", partnerName, e.getMessage());
            return new Result(false, "lease database synchronization with " + partnerName + " failed: " + e.getMessage(),
                    p.fetched, p.applied, p.incremental, p.disabledMillis(), p.elapsedMillis());
        } finally {
            if (p.disabledAt != 0) {
                reenablePartner(origin, timeout);
            }
        }
    }

    /** {@code request} naming this relationship's service (to the partner, or to the local lease-service). */
    private CommandRequest toPartner(CommandRequest request) {
        return CommandCreator.forService(request, service);
    }

    private static Key lower(Key a, Key b) {
        return a.before(b) ? a : b;
    }

    /** One walk to the end of the partner's order: its last key, leases read, and the partner's clock at its start less the margin. */
    record Pass(Key last, long fetched, long floor) {
    }

    /**
     * Walks from {@code walk} to the end, starting with the answer {@code page}; each page is
     * applied with the cursor (the furthest key read, {@code floor}) unless {@code beforeNextPage}
     * is set (the catch-up, which refreshes the partner's dhcp-disable there instead).
     */
    private Pass pass(CommandResponse page, Key walk, Key furthest, Long floor, Runnable beforeNextPage, Duration timeout,
                      Progress p) {
        long fetched = 0;
        long passFloor = -1;
        while (true) {
            expectSuccess(page, "ha-sync-page");
            if (passFloor < 0) {
                passFloor = Math.max(0, page.arguments().path("now").asLong() - MARGIN_SECONDS);
            }
            walk = applyPage(page, walk, beforeNextPage == null ? furthestOf(furthest, walk, page) : null,
                    floor == null ? passFloor : floor, timeout, p);
            int count = page.arguments().path("count").asInt();
            fetched += count;
            if (count < config.syncPageLimit()) {
                return new Pass(walk, fetched, passFloor);
            }
            if (beforeNextPage != null) {
                beforeNextPage.run();
            }
            page = partner.send(CommandCreator.haSyncPage(walk.cltt(), walk.address(), config.syncPageLimit()), timeout);
        }
    }

    /** The cursor to save with a page: the furthest key any pass has read, this page's last included. */
    private static Key furthestOf(Key furthest, Key walk, CommandResponse page) {
        JsonNode list = page.arguments().get("leases");
        Key last = walk;
        if (list != null && !list.isEmpty()) {
            JsonNode l = list.get(list.size() - 1);
            last = new Key(l.path("cltt").asLong(), l.path("ip-address").asString());
        }
        return furthest.before(last) ? last : furthest;
    }

    /** Kea's protocol: the partner disabled throughout, lease4-get-page (lease6-get-page) in address order. */
    private Result keaSync(long maxPeriodSeconds, Duration timeout, Progress p) {
        p.incremental = false;
        int origin = config.remoteOrigin();
        boolean v6 = !service.equals(CommandCreator.DHCP4_SERVICE);
        expectSuccess(partner.send(toPartner(CommandCreator.dhcpDisable(origin, maxPeriodSeconds)), timeout), "dhcp-disable");
        p.disabledAt = System.nanoTime();
        String from = "start";
        while (true) {
            CommandResponse page = partner.send(v6 ? CommandCreator.lease6GetPage(from, config.syncPageLimit())
                    : CommandCreator.lease4GetPage(from, config.syncPageLimit()), timeout);
            if (page.result() == ResultCode.EMPTY) {
                break;
            }
            expectSuccess(page, v6 ? "lease6-get-page" : "lease4-get-page");
            JsonNode list = page.arguments() == null ? null : page.arguments().get("leases");
            int count = list == null ? 0 : list.size();
            log.info("HA_LEASES_SYNC_LEASE_PAGE_RECEIVED received {} leases from {}", count, config.partner().name());
            apply(list, null, timeout, p);
            if (count < config.syncPageLimit()) {
                break;
            }
            from = list.get(count - 1).path("ip-address").asString();
            // Kea refreshes the partner's max-period before every page
            expectSuccess(partner.send(toPartner(CommandCreator.dhcpDisable(origin, maxPeriodSeconds)), timeout), "dhcp-disable");
        }
        return p.done(false, config.partner().name());
    }

    /**
     * Applies one ha-sync-page answer, saving {@code cursor} (with {@code floor}) unless null;
     * returns the key of the page's last lease, or {@code after} when it is empty.
     */
    private Key applyPage(CommandResponse page, Key after, Key cursor, long floor, Duration timeout, Progress p) {
        JsonNode list = page.arguments().get("leases");
        int count = list == null ? 0 : list.size();
        log.info("HA_LEASES_SYNC_LEASE_PAGE_RECEIVED received {} leases from {}", count, config.partner().name());
        Key last = after;
        if (count > 0) {
            JsonNode l = list.get(count - 1);
            last = new Key(l.path("cltt").asLong(), l.path("ip-address").asString());
        }
        if (count > 0 || cursor != null) {
            apply(list, cursor == null ? null : cursorJson(cursor, floor), timeout, p);
        }
        return last;
    }

    /** One ha-sync-apply: the page in one local transaction, and the cursor once it is durable. */
    private void apply(JsonNode list, ObjectNode cursor, Duration timeout, Progress p) {
        ObjectNode a = JSON.objectNode();
        a.set("leases", ofThisRelationship(list));
        if (cursor != null) {
            a.put("partner", config.partner().name());
            a.set("cursor", cursor);
        }
        CommandResponse r = leases.send(toPartner(new CommandRequest("ha-sync-apply", null, a)), timeout);
        if (r.result() != ResultCode.SUCCESS) {
            throw new SyncException("applying a page locally: " + r.text());
        }
        p.fetched += list == null ? 0 : list.size();
        p.applied += r.arguments().path("added").asLong() + r.arguments().path("updated").asLong();
    }

    /** The leases of the page in this relationship's subnets (all of them without a subnet filter). */
    private JsonNode ofThisRelationship(JsonNode list) {
        if (list == null) {
            return JSON.arrayNode();
        }
        if (subnets == null) {
            return list;
        }
        var out = JSON.arrayNode();
        for (JsonNode l : list) {
            if (subnets.test(l.path("subnet-id").asLong())) {
                out.add(l);
            }
        }
        return out;
    }

    private static ObjectNode cursorJson(Key k, Long floor) {
        ObjectNode c = JSON.objectNode();
        c.put("cltt", Math.max(0, k.cltt()));
        if (k.address() != null && k.cltt() >= 0) {
            c.put("ip-address", k.address());
        }
        if (floor != null) {
            c.put("floor", floor);
        }
        return c;
    }

    private JsonNode savedCursor(Duration timeout) {
        ObjectNode a = JSON.objectNode();
        a.put("partner", config.partner().name());
        CommandResponse r = leases.send(new CommandRequest("ha-sync-cursor-get", null, a), timeout);
        return r.result() == ResultCode.SUCCESS ? r.arguments() : null;
    }

    private void saveCursor(Key k, Long floor, Duration timeout) {
        apply(JSON.arrayNode(), cursorJson(k, floor), timeout, new Progress(0));
    }

    private void reenablePartner(int origin, Duration timeout) {
        try {
            CommandResponse n = partner.send(toPartner(CommandCreator.syncCompleteNotify(config.thisServerName(), origin)), timeout);
            if (n.result() == ResultCode.UNSUPPORTED) {
                partner.send(toPartner(CommandCreator.dhcpEnable(origin)), timeout);
            }
        } catch (PeerUnavailableException e) {
            log.warn("HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED {}; the partner re-enables itself after max-period",
                    e.getMessage());
        }
    }

    private static void expectSuccess(CommandResponse r, String what) {
        if (r.result() != ResultCode.SUCCESS || r.arguments() == null && what.equals("ha-sync-page")) {
            throw new SyncException(what + " answered " + r.result() + (r.text() == null ? "" : " (" + r.text() + ")"));
        }
    }

    /** Counters and timings of one run. */
    private static final class Progress {
        final long start;
        long fetched;
        long applied;
        long disabledAt;
        boolean incremental = true;

        Progress(long start) {
            this.start = start;
        }

        long elapsedMillis() {
            return (System.nanoTime() - start) / 1_000_000;
        }

        long disabledMillis() {
            return disabledAt == 0 ? 0 : (System.nanoTime() - disabledAt) / 1_000_000;
        }

        Result done(boolean incrementalRun, String partnerName) {
            long total = elapsedMillis();
            long off = disabledMillis();
            log.info("HA_SYNC_SUCCESSFUL lease database synchronization with {} completed successfully: {} leases, {} written,"
                    + " {} ms, partner's DHCP disabled {} ms", partnerName, fetched, applied, total, off);
            return new Result(true, "Lease database synchronization complete.", fetched, applied, incrementalRun, off, total);
        }
    }

    private static final class SyncException extends RuntimeException {
        SyncException(String message) {
            super(message);
        }
    }
}
