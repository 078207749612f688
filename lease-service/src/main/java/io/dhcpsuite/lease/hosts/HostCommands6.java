package io.dhcpsuite.lease.hosts;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.config.Dhcp6Config;
import io.dhcpsuite.config.HostJson6;
import io.dhcpsuite.config.Prefix6;
import io.dhcpsuite.config.Reservation6;
import io.dhcpsuite.config.Subnet6;
import io.dhcpsuite.lease.hosts.HostStoreBase.Parser;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kea's host_cmds sent to {@code dhcp6} (see {@link HostCommandsBase}): DHCPv6 hosts ({@code duid},
 * {@code hw-address} or {@code flex-id}; {@code ip-addresses} and {@code prefixes}),
 * {@code subnet-id} naming a subnet6, and the same texts and result codes with "IPv6" where Kea says
 * so. Sources as for v4: {@code primary} the configuration file's Dhcp6 reservations,
 * {@code alternate} the Dhcp6 hosts databases.
 */
public final class HostCommands6 extends HostCommandsBase<Reservation6, BigInteger> {
    private final Supplier<Dhcp6Config> config;
    private volatile Dhcp6Config parsedWith;
    private volatile HostJson6 json;

    HostCommands6(Supplier<Dhcp6Config> config, HostStore6 store) {
        super(store, "IPv6", "duid");
        this.config = config;
    }

    /** Registers the commands in the table of service dhcp6. */
    public static void register(CommandDispatcher d, Supplier<Dhcp6Config> config, HostStore6 store) {
        new HostCommands6(config, store).registerIn(d);
    }

    private HostJson6 json() {
        Dhcp6Config cfg = config.get();
        if (cfg != parsedWith) {
            json = new HostJson6(cfg);
            parsedWith = cfg;
        }
        return json;
    }

    @Override
    Parsed<Reservation6> parseHost(JsonNode r, String path) {
        HostJson6.Host h = json().parse(r, path);
        return new Parsed<>(h.subnetId(), h.reservation());
    }

    @Override
    Parser<Reservation6> parser() {
        HostJson6 j = json();
        return (m, path) -> j.parse(m, path).reservation();
    }

    @Override
    ObjectNode toJson(Reservation6 r, Long subnetId) {
        return HostJson6.toJson(r, subnetId);
    }

    @Override
    void eachFileHost(BiConsumer<Long, Reservation6> each) {
        Dhcp6Config cfg = config.get();
        for (Reservation6 r : cfg.globalReservations()) {
            each.accept(0L, r);
        }
        for (Subnet6 s : cfg.subnets()) {
            for (Reservation6 r : s.reservations()) {
                each.accept(s.id(), r);
            }
        }
    }

    @Override
    String hostname(Reservation6 r) {
        return r.hostname();
    }

    @Override
    BigInteger firstAddress(Reservation6 r) {
        return r.ipAddresses().isEmpty() ? null : r.ipAddresses().get(0);
    }

    @Override
    boolean reserves(Reservation6 r, BigInteger address) {
        return r.ipAddresses().contains(address);
    }

    @Override
    String format(BigInteger address) {
        return Prefix6.format(address);
    }

    /** An IPv6 address (not IPv4, not a prefix), or result 1 with {@code error}. */
    @Override
    BigInteger parseAddress(String text, String error) {
        if (!text.contains(":") || text.contains("/")) {
            throw bad(error);
        }
        try {
            return Prefix6.address(text);
        } catch (RuntimeException e) {
            throw bad(error);
        }
    }

    @Override
    void checkSubnet(long subnetId, Reservation6 r) {
        Subnet6 s = config.get().subnet(subnetId);
        if (s == null) {
            throw bad("IPv6 subnet with ID of '" + subnetId + "' is not configured");
        }
        for (BigInteger ip : r.ipAddresses()) {
            if (!s.contains(ip)) {
                throw bad("specified reservation '" + Prefix6.format(ip) + "' is not matching the IPv6 subnet prefix '"
                        + s.prefix().text() + "'");
            }
        }
    }

    @Override
    String subnetHint(BigInteger ip) {
        List<Subnet6> in = config.get().subnets().stream().filter(s -> s.contains(ip)).toList();
        if (in.isEmpty()) {
            return "belongs to no configured subnet.";
        }
        Subnet6 s = in.get(0);
        return "belongs to subnet '" + s.prefix().text() + "' id " + s.id() + (in.size() > 1 ? " and others." : ".");
    }

    /** The file's addresses and prefixes stay its own; the database's unique index guards its own rows. */
    @Override
    void checkAddressDuplicates(long subnetId, Reservation6 r, String type, String id) {
        for (BigInteger ip : r.ipAddresses()) {
            if (!fileHosts((s, x) -> s == subnetId && x.ipAddresses().contains(ip)).isEmpty()) {
                throw bad("Database duplicate entry error: address " + Prefix6.format(ip)
                        + " is already reserved in subnet " + subnetId);
            }
        }
        for (Prefix6 p : r.prefixes()) {
            if (!fileHosts((s, x) -> s == subnetId && x.prefixes().contains(p)).isEmpty()) {
                throw bad("Database duplicate entry error: prefix " + p.text() + " is already reserved in subnet "
                        + subnetId);
            }
        }
    }

    @Override
    void checkFamilyType(String type) {
        if (!HostJson6.identifierTypes().contains(type)) {
            throw bad("identifier type '" + type + "' is not used by DHCPv6 hosts: use duid, hw-address or flex-id");
        }
    }
}
