package io.dhcpsuite.config;

import io.dhcpsuite.codec.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The small global sections of {@code Dhcp4} and {@code Dhcp6}: interfaces, lease database,
 * reclamation timers, host reservation identifiers, hook libraries, loggers and (DHCPv6) the
 * server DUID, each with Kea's defaults.
 */
final class SmallSections {

    private SmallSections() {
    }

    static InterfacesConfig interfaces(KeaJson n) {
        if (n.isMissing()) {
            return new InterfacesConfig(List.of(), "raw");
        }
        List<InterfacesConfig.Interface> out = new ArrayList<>();
        for (KeaJson e : n.list("interfaces")) {
            interfaceEntry(e, Ipv4::parse, (name, addr) -> out.add(new InterfacesConfig.Interface(name, addr)));
        }
        String type = n.string("dhcp-socket-type", "raw");
        if (!type.equals("raw") && !type.equals("udp")) {
            throw n.error("dhcp-socket-type", "unsupported socket type '" + type + "': use raw or udp");
        }
        n.bool("re-detect", true);
        return new InterfacesConfig(List.copyOf(out), type);
    }

    /** {@code interfaces-config} of {@code Dhcp6}: names, optionally with a unicast address after the slash. */
    static InterfacesConfig6 interfaces6(KeaJson n) {
        List<InterfacesConfig6.Interface> out = new ArrayList<>();
        for (KeaJson e : n.list("interfaces")) {
            interfaceEntry(e, Prefix6::address, (name, addr) -> out.add(new InterfacesConfig6.Interface(name, addr)));
        }
        return new InterfacesConfig6(List.copyOf(out), n.bool("re-detect", true));
    }

    /** One {@code interfaces} entry, {@code name} or {@code name/address}, handed to {@code sink}. */
    private static <A> void interfaceEntry(KeaJson e, Function<String, A> address, BiConsumer<String, A> sink) {
        String s = e.asString().trim();
        int slash = s.indexOf('/');
        String name = slash < 0 ? s : s.substring(0, slash);
        if (name.isEmpty()) {
            throw e.error("interface name must not be empty");
        }
        A addr = null;
        if (slash >= 0) {
            try {
                addr = address.apply(s.substring(slash + 1));
            } catch (IllegalArgumentException ex) {
                throw e.error("Failed to select interface: " + ex.getMessage());
            }
        }
        sink.accept(name, addr);
    }

    /**
     * {@code server-id} as Kea's DUIDConfigParser reads it: {@code type} LLT, EN or LL (LLT when
     * the map is absent), {@code identifier} in hex, {@code htype} 16 bits, {@code time} and
     * {@code enterprise-id} 32 bits.
     */
    static ServerId serverId(KeaJson n) {
        if (n.isMissing()) {
            return ServerId.DEFAULTS;
        }
        String type = n.requiredString("type");
        if (!List.of("LLT", "EN", "LL").contains(type)) {
            throw n.error("type", "unsupported DUID type '" + type + "'. Expected: LLT, EN or LL");
        }
        String id = n.string("identifier", "").trim();
        if (!id.isEmpty()) {
            byte[] bytes = ReservationParser.hexBytes(id);
            if (bytes == null) {
                throw n.error("identifier", "'" + id + "' is not valid hex");
            }
            id = ReservationParser.identifier(id, "duid", n.pathOf("identifier"));
        }
        return new ServerId(type, id, (int) n.integer("htype", 0, 0, 65535), n.integer("time", 0, 0, Inherited.UINT32_MAX),
                n.integer("enterprise-id", 0, 0, Inherited.UINT32_MAX), n.bool("persist", true));
    }

    static LeaseDatabase leaseDatabase(KeaJson n) {
        if (n.isMissing()) {
            return new LeaseDatabase("memfile", true, null, 3600, null, 0, null, null, 0);
        }
        String type = n.string("type", null);
        if (type == null) {
            throw n.error("missing parameter 'type' (memfile or postgresql)");
        }
        switch (type) {
            case "memfile" -> {
                return new LeaseDatabase("memfile", n.bool("persist", true), n.string("name", null),
                        n.integer("lfc-interval", 3600, 0, Inherited.UINT32_MAX), null, 0, null, null, 0);
            }
            case "postgresql" -> {
                String name = n.string("name", null);
                if (name == null || name.isBlank()) {
                    throw n.error("missing parameter 'name' (the database name)");
                }
                String onFail = n.string("on-fail", LeaseDatabase.Reconnect.DEFAULTS.onFail());
                if (!LeaseDatabase.Reconnect.ON_FAIL.contains(onFail)) {
                    throw n.error("on-fail", "unsupported value '" + onFail + "' for on-fail, supported values are: "
                            + String.join(", ", LeaseDatabase.Reconnect.ON_FAIL));
                }
                LeaseDatabase.Reconnect reconnect = new LeaseDatabase.Reconnect(
                        n.integer("max-reconnect-tries", 0, 0, Inherited.UINT32_MAX),
                        n.integer("reconnect-wait-time", 0, 0, Inherited.UINT32_MAX), onFail,
                        n.bool("retry-on-startup", false));
                return new LeaseDatabase("postgresql", true, name, 0, n.string("host", "localhost"),
                        (int) n.integer("port", 5432, 1, 65535), n.string("user", null),
                        n.string("password", null), n.integer("connect-timeout", 5, 0, Inherited.UINT32_MAX),
                        reconnect);
            }
            case "mysql" -> throw n.error("type",
                    "lease database type 'mysql' is not supported by this suite, use memfile or postgresql");
            default -> throw n.error("type", "unknown lease database type '" + type
                    + "': use memfile or postgresql");
        }
    }

    /**
     * Kea's {@code hosts-database} (one map) or {@code hosts-databases} (a list), not both; each
     * takes the connection keys of {@code lease-database}. Only postgresql is served; another type
     * Kea knows (mysql, cql in older files) is accepted with a warning and left out, so Kea's
     * example files still load.
     */
    static List<LeaseDatabase> hostsDatabases(KeaJson global, List<ConfigWarning> warnings) {
        if (global.has("hosts-database") && global.has("hosts-databases")) {
            throw global.error("hosts-databases", "only one of 'hosts-database' and 'hosts-databases' may be given");
        }
        List<KeaJson> entries = global.has("hosts-database")
                ? List.of(global.map("hosts-database"))
                : global.at("hosts-databases").elements();
        List<LeaseDatabase> out = new ArrayList<>();
        for (KeaJson n : entries) {
            n.requireMap();
            String type = n.string("type", null);
            if (type == null) {
                throw n.error("missing parameter 'type' (postgresql)");
            }
            if (type.equals("mysql") || type.equals("cql")) {
                warnings.add(new ConfigWarning(n.pathOf("type"), "hosts database type '" + type
                        + "' is not supported by this suite (use postgresql): its reservations are not served"));
                continue;
            }
            if (!type.equals("postgresql")) {
                throw n.error("type", "unknown hosts database type '" + type + "': use postgresql");
            }
            String name = n.string("name", null);
            if (name == null || name.isBlank()) {
                throw n.error("missing parameter 'name' (the database name)");
            }
            out.add(new LeaseDatabase("postgresql", !n.bool("readonly", false), name, 0, n.string("host", "localhost"),
                    (int) n.integer("port", 5432, 1, 65535), n.string("user", null),
                    n.string("password", null), n.integer("connect-timeout", 5, 0, Inherited.UINT32_MAX)));
        }
        return List.copyOf(out);
    }

    static ExpiredLeasesProcessing expired(KeaJson n) {
        ExpiredLeasesProcessing d = ExpiredLeasesProcessing.DEFAULTS;
        if (n.isMissing()) {
            return d;
        }
        long max = Inherited.UINT32_MAX;
        return new ExpiredLeasesProcessing(
                n.integer("reclaim-timer-wait-time", d.reclaimTimerWaitTime(), 0, max),
                n.integer("flush-reclaimed-timer-wait-time", d.flushReclaimedTimerWaitTime(), 0, max),
                n.integer("hold-reclaimed-time", d.holdReclaimedTime(), 0, max),
                (int) n.integer("max-reclaim-leases", d.maxReclaimLeases(), 0, Integer.MAX_VALUE),
                n.integer("max-reclaim-time", d.maxReclaimTime(), 0, max),
                (int) n.integer("unwarned-reclaim-cycles", d.unwarnedReclaimCycles(), 0, Integer.MAX_VALUE));
    }

    static List<String> hostReservationIdentifiers(KeaJson global) {
        return hostReservationIdentifiers(global, Family.V4);
    }

    /** Kea's defaults: hw-address, duid, circuit-id, client-id (DHCPv4); hw-address, duid (DHCPv6). */
    static List<String> hostReservationIdentifiers(KeaJson global, Family family) {
        String key = "host-reservation-identifiers";
        if (!global.has(key)) {
            return family == Family.V4 ? List.of("hw-address", "duid", "circuit-id", "client-id")
                    : List.of("hw-address", "duid");
        }
        List<String> allowed = family == Family.V4 ? ReservationParser.IDENTIFIER_TYPES
                : ReservationParser.IDENTIFIER_TYPES6;
        List<String> out = global.stringList(key);
        for (int i = 0; i < out.size(); i++) {
            if (!allowed.contains(out.get(i))) {
                throw global.error(key + "[" + i + "]", "unsupported identifier '" + out.get(i)
                        + "': use " + String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or "
                        + allowed.get(allowed.size() - 1));
            }
        }
        return out;
    }

    static List<HookLibrary> hooks(KeaJson list, List<ConfigWarning> warnings) {
        List<HookLibrary> out = new ArrayList<>();
        for (KeaJson h : list.elements()) {
            String lib = h.string("library", null);
            if (lib == null || lib.isBlank()) {
                throw h.error("missing parameter 'library'");
            }
            KeaJson params = h.map("parameters");
            HookParameters.check(lib, params, warnings);
            out.add(new HookLibrary(lib, params.isMissing() ? null : params.node()));
        }
        return List.copyOf(out);
    }

    static List<LoggerConfig> loggers(KeaJson list) {
        List<LoggerConfig> out = new ArrayList<>();
        for (KeaJson l : list.elements()) {
            String name = l.string("name", null);
            if (name == null || name.isBlank()) {
                throw l.error("missing parameter 'name'");
            }
            String severity = l.string("severity", "INFO").toUpperCase(Locale.ROOT);
            if (!Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "NONE").contains(severity)) {
                throw l.error("severity", "unsupported severity '" + severity
                        + "': use FATAL, ERROR, WARN, INFO, DEBUG or NONE");
            }
            int debug = (int) l.integer("debuglevel", 0, 0, 99);
            List<String> outputs = new ArrayList<>();
            for (String key : List.of("output_options", "output-options")) {
                for (KeaJson o : l.list(key)) {
                    outputs.add(o.string("output", "stdout"));
                    o.bool("flush", true);
                    o.integer("maxsize", 0, 0, Long.MAX_VALUE);
                    o.integer("maxver", 1, 0, Integer.MAX_VALUE);
                    o.string("pattern", "");
                }
            }
            out.add(new LoggerConfig(name, severity, debug, List.copyOf(outputs)));
        }
        return List.copyOf(out);
    }
}
