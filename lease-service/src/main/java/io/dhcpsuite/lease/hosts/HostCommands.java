package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.config.Dhcp4Config;
import io.dhcpsuite.config.HostJson;
import io.dhcpsuite.config.Reservation4;
import io.dhcpsuite.config.Subnet4;
import io.dhcpsuite.lease.allocation.AllocationEngine;
import io.dhcpsuite.lease.hosts.HostStoreBase.Parser;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's host_cmds for DHCPv4 (see {@link HostCommandsBase}): hosts of Dhcp4 with one
 * {@code ip-address}, {@code subnet-id} naming a subnet4, changes through {@link HostStore}, which
 * keeps the engine's pool bitmaps in step. With {@code ip-reservations-unique}, an address is
 * reserved once per subnet across the file and the databases.
 */
public final class HostCommands extends HostCommandsBase<Reservation4, Integer> {
    private final AllocationEngine engine;
    private final HostStore store;
    private volatile Dhcp4Config parsedWith;
    private volatile HostJson json;

    HostCommands(AllocationEngine engine, HostStore store) {
        super(store, "IPv4", "client-id");
        this.engine = engine;
        this.store = store;
    }

    /** Registers the commands; {@code store} may have no database (changes then fail as in Kea). */
    public static void register(CommandDispatcher d, AllocationEngine engine, HostStore store) {
        new HostCommands(engine, store).registerIn(d);
    }

    private HostJson json() {
        Dhcp4Config cfg = engine.config();
        if (cfg != parsedWith) {
            json = new HostJson(cfg);
            parsedWith = cfg;
        }
        return json;
    }

    @Override
    Parsed<Reservation4> parseHost(JsonNode r, String path) {
        HostJson.Host h = json().parse(r, path);
        return new Parsed<>(h.subnetId(), h.reservation());
    }

    @Override
    Parser<Reservation4> parser() {
        HostJson j = json();
        return (m, path) -> j.parse(m, path).reservation();
    }

    @Override
    ObjectNode toJson(Reservation4 r, Long subnetId) {
        return HostJson.toJson(r, subnetId);
    }

    @Override
    void eachFileHost(BiConsumer<Long, Reservation4> each) {
        Dhcp4Config cfg = engine.config();
        for (Reservation4 r : cfg.globalReservations()) {
            each.accept(0L, r);
        }
        for (Subnet4 s : cfg.subnets()) {
            for (Reservation4 r : s.reservations()) {
                each.accept(s.id(), r);
            }
        }
    }

    @Override
    String hostname(Reservation4 r) {
        return r.hostname();
    }

    @Override
    Integer firstAddress(Reservation4 r) {
        return r.ipAddress();
    }

    @Override
    boolean reserves(Reservation4 r, Integer address) {
        return address.equals(r.ipAddress());
    }

    @Override
    String format(Integer address) {
        return Ipv4.format(address);
    }

    @Override
    Integer parseAddress(String text, String error) {
        Integer address = Ipv4.tryParse(text);
        if (address == null) {
            throw bad(error);
        }
        return address;
    }

    @Override
    void checkSubnet(long subnetId, Reservation4 r) {
        Subnet4 s = engine.config().subnet(subnetId);
        if (s == null) {
            throw bad("IPv4 subnet with ID of '" + subnetId + "' is not configured");
        }
        Integer address = r.ipAddress();
        if (address != null && !s.contains(address)) {
            throw bad("specified reservation '" + Ipv4.format(address) + "' is not matching the IPv4 subnet prefix '"
                    + Ipv4.format(s.prefix()) + "/" + s.prefixLength() + "'");
        }
    }

    @Override
    String subnetHint(Integer ip) {
        List<Subnet4> in = engine.config().subnets().stream().filter(s -> s.contains(ip)).toList();
        if (in.isEmpty()) {
            return "belongs to no configured subnet.";
        }
        Subnet4 s = in.get(0);
        return "belongs to subnet '" + Ipv4.format(s.prefix()) + "/" + s.prefixLength() + "' id " + s.id()
                + (in.size() > 1 ? " and others." : ".");
    }

    /** Kea's ip-reservations-unique: one host per address and scope, whichever source holds it. */
    @Override
    void checkAddressDuplicates(long subnetId, Reservation4 r, String type, String id) {
        Integer ip = r.ipAddress();
        if (ip != null) {
            if (!fileHosts((s, x) -> s == subnetId && ip.equals(x.ipAddress()) && !matchesId(x, type, id)).isEmpty()
                    || store.addressTaken(subnetId, ip, type, id)) {
                throw bad("Database duplicate entry error: address " + Ipv4.format(ip)
                        + " is already reserved in subnet " + subnetId);
            }
        }
    }
}
