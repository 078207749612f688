package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** lease4-* commands over an address-ordered map, with Kea's result codes and texts. */
final class FakeLeaseStore {
    final Map<Long, ObjectNode> leases = new ConcurrentSkipListMap<>();
    int pageCalls;

    void register(CommandDispatcher d) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        d.register("lease4-get", a -> {
            ObjectNode l = leases.get(Ipv4.toLong(a.path("ip-address").asString()));
            return l == null ? CommandResponse.empty("Lease not found.") : CommandResponse.success("IPv4 lease found.", l);
        });
        d.register("lease4-del", a -> leases.remove(Ipv4.toLong(a.path("ip-address").asString())) == null
                ? CommandResponse.empty("IPv4 lease not found.") : CommandResponse.success("IPv4 lease deleted."));
        d.register("lease4-add", a -> {
            if (!a.has("hw-address")) {
                return CommandResponse.error("missing parameter 'hw-address' (<string>:1:2)");
            }
            long key = Ipv4.toLong(a.path("ip-address").asString());
            if (leases.containsKey(key)) {
                return CommandResponse.conflict("IPv4 lease already exists.");
            }
            add(a.path("ip-address").asString(), a.path("hw-address").asString(), a.path("subnet-id").asLong(1),
                    a.path("state").asInt(0), a.path("hostname").asString(""));
            return CommandResponse.success("Lease for address " + a.path("ip-address").asString() + ", subnet-id 1 added.");
        });
        d.register("lease4-get-page", a -> {
            pageCalls++;
            String from = a.path("from").asString();
            long after = "start".equals(from) ? -1 : Ipv4.toLong(from);
            int limit = a.path("limit").asInt();
            List<ObjectNode> page = leases.entrySet().stream().filter(e -> e.getKey() > after).limit(limit)
                    .map(Map.Entry::getValue).toList();
            return page.isEmpty() ? CommandResponse.empty("0 IPv4 lease(s) found.") : leasesAnswer(page);
        });
        d.register("lease4-get-by-hw-address", a -> {
            List<ObjectNode> found = leases.values().stream()
                    .filter(l -> l.path("hw-address").asString().equals(a.path("hw-address").asString())).toList();
            return found.isEmpty() ? CommandResponse.empty("0 IPv4 lease(s) found.") : leasesAnswer(found);
        });
    }

    void add(String address, String hw, long subnet, int state, String hostname) {
        leases.put(Ipv4.toLong(address), JsonNodeFactory.instance.objectNode()
                .put("ip-address", address).put("hw-address", hw).put("subnet-id", subnet)
                .put("cltt", 1_700_000_000L).put("valid-lft", 4000).put("fqdn-fwd", false).put("fqdn-rev", false)
                .put("hostname", hostname).put("state", state));
    }

    private static CommandResponse leasesAnswer(List<ObjectNode> list) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = args.putArray("leases");
        list.forEach(arr::add);
        args.put("count", list.size());
        return CommandResponse.success(list.size() + " IPv4 lease(s) found.", args);
    }

}
