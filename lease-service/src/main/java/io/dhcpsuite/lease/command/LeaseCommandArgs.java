package io.dhcpsuite.lease.command;

import io.dhcpsuite.api.command.CommandException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Arguments the lease4-* and lease6-* commands read alike, with lease_cmds.cc's texts. */
public final class LeaseCommandArgs {
    private LeaseCommandArgs() {
    }

    /** A required string argument. */
    public static String string(JsonNode a, String key) {
        JsonNode n = a.get(key);
        if (n == null || !n.isString()) {
            throw CommandException.badArgument("missing parameter '" + key + "'");
        }
        return n.asString();
    }

    /** A string argument of the lease*-get-by-* commands. */
    public static String parameter(JsonNode a, String key) {
        JsonNode n = a.get(key);
        if (n == null) {
            throw CommandException.badArgument("'" + key + "' parameter not specified");
        }
        if (!n.isString()) {
            throw CommandException.badArgument("'" + key + "' parameter must be a string");
        }
        return n.asString();
    }

    /** The lease file takes no longer identifiers (Kea's limits), so neither may a lease added by command. */
    public static String octetsAtMost(String colonHex, int max, String key) {
        if ((colonHex.length() + 1) / 3 > max) {
            throw CommandException.badArgument("invalid " + key + ": longer than " + max + " octets");
        }
        return colonHex;
    }

    /** {@code from} and {@code limit} of lease*-get-page, checked; {@code from} is "start" or an address. */
    public record Page(String from, int limit) {
        public boolean fromStart() {
            return from.equals("start");
        }
    }

    public static Page page(JsonNode a) {
        JsonNode from = a.get("from");
        JsonNode limit = a.get("limit");
        if (from == null) {
            throw CommandException.badArgument("'from' parameter not specified");
        }
        if (!from.isString()) {
            throw CommandException.badArgument("'from' parameter must be a string");
        }
        if (limit == null) {
            throw CommandException.badArgument("'limit' parameter not specified");
        }
        if (!limit.isIntegralNumber() || !limit.canConvertToInt()) {
            throw CommandException.badArgument("'limit' parameter must be a number");
        }
        if (limit.asInt() <= 0) {
            throw CommandException.badArgument("page size of retrieved leases must not be 0");
        }
        return new Page(from.asString(), limit.asInt());
    }

    /** The {@code hostname} of lease*-get-by-hostname: present, a string, not empty. */
    public static String hostname(JsonNode a) {
        String h = parameter(a, "hostname");
        if (h.isEmpty()) {
            throw CommandException.badArgument("'hostname' parameter is empty");
        }
        return h;
    }

    /** A lease to store may ask for DNS updates only with a name. */
    public static void hostnameForFqdn(String hostname, boolean fwd, boolean rev) {
        if ((fwd || rev) && hostname.isEmpty()) {
            throw CommandException.badArgument("No hostname specified and either forward or reverse fqdn was set to true.");
        }
    }

    /**
     * Kea 2.7.9's data directory rule (CVE-2025-32801, CVE-2025-32803): lease4-write and
     * lease6-write write only into the data directory, which for the suite is the directory of the
     * memfile lease file. A bare name is a file in that directory; a path anywhere else, or one that
     * climbs out of it with {@code ..}, is refused with Kea's text before anything is opened.
     */
    public static Path allowedLeaseFile(String name, Path leaseFile) {
        if (name.isEmpty()) {
            throw CommandException.badArgument("'filename' parameter is empty");
        }
        Path dir = leaseFile.toAbsolutePath().normalize().getParent();
        Path given = Path.of(name);
        Path target = (given.getParent() == null ? dir.resolve(given) : given.toAbsolutePath()).normalize();
        if (!dir.equals(target.getParent())) {
            throw CommandException.badArgument("invalid path specified: '" + name + "', supported path is '" + dir + "'");
        }
        return target;
    }

    /** Waits for a lease write of a command. */
    public static void await(CompletableFuture<Void> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw CommandException.badArgument("lease database write failed: " + e);
        }
    }
}
