package io.dhcpsuite.ha.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.ha.HaConfigParser;
import io.dhcpsuite.config.ha.HaRelationship;
import io.dhcpsuite.ha.listener.HaListener;
import io.dhcpsuite.ha.peer.CommandClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * LeaseSync over HTTP against two small in-process command servers: a partner store that answers
 * ha-sync-page in (cltt, address) order as lease-service does (or only Kea's lease4-get-page), and
 * a local store that applies pages with Kea's rule and keeps the cursor. What is checked is the
 * sync's own logic: what is fetched, when the partner is disabled, where a cut-short sync resumes.
 */
class LeaseSyncTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int PAGE = 100;
    private final List<HaListener> servers = new ArrayList<>();

    /** The partner: address -> cltt, a clock, and what it was told. */
    private final Map<Integer, Long> partner = new HashMap<>();
    private long partnerNow = 1_800_000_000L;
    private boolean partnerDisabled;
    private int pagesServedDisabled;
    private int pagesServed;
    private IntConsumer onPage = n -> { };
    /** The partner's listener has restrict-commands, as a Kea with it does. */
    private boolean restrictPartner;
    /** The local store: address -> cltt, and the cursor. */
    private final Map<Integer, Long> local = new HashMap<>();
    private JsonNode cursor;

    @AfterEach
    void stop() {
        servers.forEach(HaListener::close);
    }

    @Test
    void copiesWhileThePartnerServesAndDisablesItOnlyForTheCatchUp() throws Exception {
        fillPartner(2500, 1_700_000_000L);
        // during the bulk the partner changes a lease the walk has passed and adds a new one
        onPage = n -> {
            if (n == 5) {
                partner.put(ip(1), partnerNow);
                partner.put(ip(9000), partnerNow);
            }
        };
        LeaseSync.Result r = sync(true).run(60);

        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.incremental()).isTrue();
        assertThat(local).isEqualTo(partner);
        assertThat(pagesServed - pagesServedDisabled).as("bulk pages with the partner serving").isGreaterThanOrEqualTo(25);
        assertThat(pagesServedDisabled).as("pages read with the partner disabled").isEqualTo(1);
        assertThat(partnerDisabled).as("re-enabled").isFalse();
        assertThat(cursor.has("floor")).as("a finished sync leaves no floor: " + cursor).isFalse();

        // the next sync reads only what changed since (and, twice, the leases of the last
        // MARGIN_SECONDS of the partner's clock): no change, then one
        LeaseSync.Result idle = sync(true).run(60);
        assertThat(idle.fetched()).isEqualTo(4);
        assertThat(idle.applied()).isZero();
        partnerNow += 100;
        partner.put(ip(7), partnerNow);
        LeaseSync.Result again = sync(true).run(60);
        // the two of the old margin and ip(7) in the bulk, ip(7) again in the catch-up
        assertThat(again.fetched()).isEqualTo(4);
        assertThat(again.applied()).isEqualTo(1);
        assertThat(local).isEqualTo(partner);
    }

    @Test
    void aSyncCutShortResumesAtItsCursor() throws Exception {
        fillPartner(3000, 1_700_000_000L);
        AtomicInteger served = new AtomicInteger();
        onPage = n -> {
            if (served.incrementAndGet() == 12) {
                throw new IllegalStateException("partner gone");
            }
        };
        LeaseSync.Result cut = sync(true).run(60);
        assertThat(cut.ok()).isFalse();
        assertThat(local).hasSize(11 * PAGE);
        assertThat(cursor.path("floor").isIntegralNumber()).as("unfinished: " + cursor).isTrue();
        // meanwhile the partner changes a lease the first attempt had read
        partnerNow += 30;
        partner.put(ip(3), partnerNow);

        onPage = n -> { };
        LeaseSync.Result resumed = sync(true).run(60);
        assertThat(resumed.ok()).as(resumed.message()).isTrue();
        assertThat(resumed.fetched()).as("only what the first attempt did not read").isLessThan(3000 - 11 * PAGE + PAGE);
        assertThat(local).isEqualTo(partner);
    }

    @Test
    void aPartnerWithoutTheExtensionGetsKeasPagesDisabledThroughout() throws Exception {
        fillPartner(250, 1_700_000_000L);
        local.put(ip(1), 1_900_000_000L);
        LeaseSync.Result r = sync(false).run(60);

        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.incremental()).isFalse();
        assertThat(r.fetched()).isEqualTo(250);
        assertThat(pagesServed).isEqualTo(pagesServedDisabled).isEqualTo(3);
        assertThat(local.get(ip(1))).as("ours is newer: kept").isEqualTo(1_900_000_000L);
        assertThat(local).hasSize(250);
        assertThat(partnerDisabled).isFalse();
    }

    /**
     * A DHCPv6 relationship syncs as Kea's kea-dhcp6 does, whatever the partner: no ha-sync-page,
     * lease6-get-page pages in address order with the partner disabled throughout, each page
     * applied by one ha-sync-apply, then ha-sync-complete-notify.
     */
    @Test
    void aDhcp6RelationshipPullsLease6GetPagesWithThePartnerDisabledThroughout() throws Exception {
        java.util.TreeMap<String, Long> partner6 = new java.util.TreeMap<>();
        for (int i = 0; i < 250; i++) {
            partner6.put(String.format("2001:db8:1::%x", 0x1000 + i), 1_700_000_000L + i);
        }
        Map<String, Long> local6 = new HashMap<>();
        local6.put("2001:db8:1::1000", 1_900_000_000L);
        List<String> partnerCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
        CommandDispatcher p = new CommandDispatcher();
        p.register("dhcp-disable", a -> {
            partnerCommands.add("dhcp-disable");
            partnerDisabled = true;
            return CommandResponse.success("DHCPv6 service disabled");
        });
        p.register("ha-sync-complete-notify", a -> {
            partnerCommands.add("ha-sync-complete-notify");
            partnerDisabled = false;
            return CommandResponse.success("Server successfully notified about the synchronization completion.");
        });
        p.register("lease6-get-page", a -> {
            partnerCommands.add("lease6-get-page");
            assertThat(partnerDisabled).as("Kea's pages are read with the partner disabled").isTrue();
            String from = a.get("from").asString();
            ObjectNode args = JSON.objectNode();
            var arr = args.putArray("leases");
            for (var e : (from.equals("start") ? partner6 : partner6.tailMap(from, false)).entrySet()) {
                if (arr.size() == a.get("limit").asInt()) {
                    break;
                }
                ObjectNode l = arr.addObject();
                l.put("ip-address", e.getKey()).put("type", "IA_NA").put("duid", "01:02:03").put("iaid", 1)
                        .put("cltt", e.getValue()).put("valid-lft", 4000).put("subnet-id", 1);
            }
            args.put("count", arr.size());
            return arr.isEmpty() ? CommandResponse.empty("0 IPv6 lease(s) found.", args)
                    : CommandResponse.success(arr.size() + " IPv6 lease(s) found.", args);
        });
        CommandDispatcher l = new CommandDispatcher();
        AtomicInteger applies = new AtomicInteger();
        l.register("ha-sync-apply", a -> {
            applies.incrementAndGet();
            for (JsonNode n : a.get("leases")) {
                long cltt = n.get("cltt").asLong();
                local6.merge(n.get("ip-address").asString(), cltt, Math::max);
            }
            return CommandResponse.success("applied", JSON.objectNode().put("added", a.get("leases").size()));
        });
        HaRelationship config = HaConfigParser.fromDhcp6Hooks(KeaConfigLoader.parse("""
                { "Dhcp6": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                  "high-availability": [ { "this-server-name": "server1", "mode": "hot-standby", "sync-page-limit": 100,
                    "peers": [ { "name": "server1", "url": "http://127.0.0.1:19801/", "role": "primary" },
                               { "name": "server2", "url": "http://127.0.0.1:19802/", "role": "standby" } ] } ] } } ] } }""",
                null).dhcp6().hooksLibraries()).relationships().getFirst();
        LeaseSync.Result r = new LeaseSync(config, client(p, false), client(l, false), null, "dhcp6").run(60);

        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.incremental()).isFalse();
        assertThat(r.fetched()).isEqualTo(250);
        assertThat(applies.get()).isEqualTo(3);
        assertThat(local6).hasSize(250);
        assertThat(local6.get("2001:db8:1::1000")).as("ours is newer: kept").isEqualTo(1_900_000_000L);
        assertThat(partnerCommands).startsWith("dhcp-disable", "lease6-get-page").endsWith("ha-sync-complete-notify")
                .doesNotContain("ha-sync-page");
        assertThat(partnerDisabled).isFalse();
    }

    /** A Kea with restrict-commands answers ha-sync-page with HTTP 403, not result 2: still Kea's pages. */
    @Test
    void aPartnerThatForbidsTheExtensionGetsKeasPages() throws Exception {
        fillPartner(250, 1_700_000_000L);
        restrictPartner = true;
        LeaseSync.Result r = sync(false).run(60);

        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.incremental()).isFalse();
        assertThat(local).hasSize(250);
        assertThat(partnerDisabled).isFalse();
    }

    /** A hub's relationship syncs only the leases of its own subnets, with either protocol. */
    @Test
    void aRelationshipWithSubnetsTakesOnlyTheirLeases() throws Exception {
        for (boolean suite : new boolean[] {true, false}) {
            local.clear();
            cursor = null;
            partner.clear();
            fillPartner(250, 1_700_000_000L);
            LeaseSync.Result r = sync(suite, id -> id == 1).run(60);
            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.fetched()).as("every page is read").isEqualTo(250);
            assertThat(local).as("only subnet 1's leases").hasSize(125);
            assertThat(local.keySet()).allMatch(ip -> (ip & 1) == 0);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void fillPartner(int n, long cltt) {
        for (int i = 0; i < n; i++) {
            partner.put(ip(i), cltt + (i % 7));
        }
    }

    private static int ip(int i) {
        return 0xC612_0000 + i; // 198.18.0.0/15
    }

    private static String text(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    private static int parse(String s) {
        String[] p = s.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    private LeaseSync sync(boolean suitePartner) throws Exception {
        return sync(suitePartner, null);
    }

    private LeaseSync sync(boolean suitePartner, java.util.function.LongPredicate subnets) throws Exception {
        HaRelationship config = HaConfigParser.fromHooks(KeaConfigLoader.parse("""
                { "Dhcp4": { "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                  "high-availability": [ { "this-server-name": "server1", "mode": "hot-standby", "sync-page-limit": 100,
                    "peers": [ { "name": "server1", "url": "http://127.0.0.1:19801/", "role": "primary" },
                               { "name": "server2", "url": "http://127.0.0.1:19802/", "role": "standby" } ] } ] } } ] } }""",
                null).dhcp4().hooksLibraries(), "Dhcp4/hooks-libraries").relationships().getFirst();
        return new LeaseSync(config, client(partnerCommands(suitePartner), restrictPartner), client(localCommands(), false), subnets);
    }

    private CommandClient client(CommandDispatcher d, boolean restrictCommands) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        HaListener l = new HaListener(url, d, restrictCommands
                ? new HaListener.Security(null, false, null, null, java.util.Set.copyOf(
                        io.dhcpsuite.ha.command.CommandCreator.HA_COMMANDS4))
                : HaListener.Security.NONE);
        l.start();
        servers.add(l);
        return new CommandClient(url, null, null);
    }

    private CommandDispatcher partnerCommands(boolean suite) {
        CommandDispatcher d = new CommandDispatcher();
        d.register("dhcp-disable", a -> {
            partnerDisabled = true;
            return CommandResponse.success("DHCP service disabled.");
        });
        d.register("dhcp-enable", a -> {
            partnerDisabled = false;
            return CommandResponse.success("DHCP service enabled.");
        });
        d.register("ha-sync-complete-notify", a -> {
            partnerDisabled = false;
            return CommandResponse.success("Server successfully notified about the synchronization completion.");
        });
        if (suite) {
            d.register("ha-sync-page", a -> {
                onPage.accept(++pagesServed);
                pagesServedDisabled += partnerDisabled ? 1 : 0;
                long cltt = a.has("after") ? a.get("after").get("cltt").asLong() : -1;
                long addr = a.has("after") && a.get("after").has("ip-address")
                        ? Integer.toUnsignedLong(parse(a.get("after").get("ip-address").asString())) : -1;
                TreeMap<Long, Integer> order = new TreeMap<>();
                partner.forEach((ip, c) -> order.put((c << 32) | Integer.toUnsignedLong(ip), ip));
                long from = cltt < 0 ? 0 : (cltt << 32) + addr + 1;
                ObjectNode args = JSON.objectNode();
                var arr = args.putArray("leases");
                for (var e : order.tailMap(from, true).entrySet()) {
                    if (arr.size() == a.get("limit").asInt()) {
                        break;
                    }
                    arr.add(lease(e.getValue(), partner.get(e.getValue())));
                }
                args.put("count", arr.size());
                args.put("now", partnerNow);
                return CommandResponse.success(arr.size() + " IPv4 lease(s) found.", args);
            });
        } else {
            d.register("lease4-get-page", a -> {
                onPage.accept(++pagesServed);
                pagesServedDisabled += partnerDisabled ? 1 : 0;
                String from = a.get("from").asString();
                long after = from.equals("start") ? -1 : Integer.toUnsignedLong(parse(from));
                TreeMap<Long, Integer> order = new TreeMap<>();
                partner.keySet().forEach(ip -> order.put(Integer.toUnsignedLong(ip), ip));
                ObjectNode args = JSON.objectNode();
                var arr = args.putArray("leases");
                for (int ip : order.tailMap(after + 1, true).values()) {
                    if (arr.size() == a.get("limit").asInt()) {
                        break;
                    }
                    arr.add(lease(ip, partner.get(ip)));
                }
                args.put("count", arr.size());
                return arr.isEmpty() ? CommandResponse.empty("0 IPv4 lease(s) found.", args)
                        : CommandResponse.success(arr.size() + " IPv4 lease(s) found.", args);
            });
        }
        return d;
    }

    private CommandDispatcher localCommands() {
        CommandDispatcher d = new CommandDispatcher();
        d.register("ha-sync-cursor-get", a -> cursor == null ? CommandResponse.empty("no sync cursor")
                : CommandResponse.success("sync cursor", cursor));
        d.register("ha-sync-apply", a -> {
            int added = 0;
            for (JsonNode l : a.get("leases")) {
                int ip = parse(l.get("ip-address").asString());
                long cltt = l.get("cltt").asLong();
                Long ours = local.get(ip);
                if (ours == null || ours < cltt) {
                    local.put(ip, cltt);
                    added++;
                }
            }
            if (a.has("cursor")) {
                assertThat(a.get("partner").asString()).isEqualTo("server2");
                cursor = a.get("cursor");
            }
            ObjectNode r = JSON.objectNode();
            r.put("added", added);
            return CommandResponse.success(added + " applied", r);
        });
        return d;
    }

    private static ObjectNode lease(int ip, long cltt) {
        ObjectNode l = JSON.objectNode();
        l.put("ip-address", text(ip));
        l.put("hw-address", "02:00:00:00:00:01");
        l.put("cltt", cltt);
        l.put("valid-lft", 3600);
        // even addresses in subnet 1, odd ones in subnet 2 (a hub's relationship takes only its subnets)
        l.put("subnet-id", (ip & 1) == 0 ? 1 : 2);
        return l;
    }
}
