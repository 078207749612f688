package io.dhcpsuite.ddns.transaction;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Builds the UPDATE message of one step, section by section as Kea's {@code build*Request()}
 * methods do. Prerequisites use TTL 0 (RFC 2136 2.4); added records carry the NCR's
 * {@code lease-length} as TTL. RFC 2136 names used below: "name is in use" = ANY/ANY,
 * "name is not in use" = NONE/ANY, "RRset exists (value independent)" = ANY/type,
 * "RRset does not exist" = NONE/type, "RRset exists (value dependent)" = IN/type/rdata;
 * deletes: RRset = ANY/type, all RRsets = ANY/ANY, one RR = NONE/type/rdata.
 */
public final class UpdateRequests {

    private UpdateRequests() {
    }

    /** What a request is about: the names and data of one NCR. */
    public record Subject(Name fqdn, InetAddress address, Name reverseName, byte[] dhcid, long ttl) {
        int addressType() {
            return address instanceof Inet6Address ? Type.AAAA : Type.A;
        }

        Record addressRecord(long ttl) {
            return address instanceof Inet6Address
                    ? new AAAARecord(fqdn, DClass.IN, ttl, address)
                    : new ARecord(fqdn, DClass.IN, ttl, address);
        }

        DHCIDRecord dhcidRecord(Name owner, long ttl) {
            return new DHCIDRecord(owner, DClass.IN, ttl, dhcid);
        }

        PTRRecord ptrRecord(long ttl) {
            return new PTRRecord(reverseName, DClass.IN, ttl, fqdn);
        }
    }

    public static Update build(Step step, ConflictResolutionMode mode, Name zone, Subject s) {
        Update u = new Update(zone);
        Name fqdn = s.fqdn();
        Name rev = s.reverseName();
        boolean withDhcid = mode != ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID;
        boolean checking = mode == ConflictResolutionMode.CHECK_WITH_DHCID
                || mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID;
        switch (step) {
            case ADD_FWD -> {
                if (checking) {
                    u.absent(fqdn);
                } else {
                    u.delete(fqdn, s.addressType());
                    if (withDhcid) {
                        u.delete(fqdn, Type.DHCID);
                    }
                }
                u.add(s.addressRecord(s.ttl()));
                if (withDhcid) {
                    u.add(s.dhcidRecord(fqdn, s.ttl()));
                }
            }
            case REPLACE_FWD -> {
                requireChecking(step, checking);
                if (mode == ConflictResolutionMode.CHECK_WITH_DHCID) {
                    u.present(fqdn);
                    u.present(s.dhcidRecord(fqdn, 0));
                    u.delete(fqdn, s.addressType());
                    u.add(s.addressRecord(s.ttl()));
                } else {
                    u.present(fqdn, Type.DHCID);
                    u.delete(fqdn, s.addressType());
                    u.delete(fqdn, Type.DHCID);
                    u.add(s.addressRecord(s.ttl()));
                    u.add(s.dhcidRecord(fqdn, s.ttl()));
                }
            }
            case REPLACE_REV -> {
                u.delete(rev, Type.PTR);
                if (withDhcid) {
                    u.delete(rev, Type.DHCID);
                }
                u.add(s.ptrRecord(s.ttl()));
                if (withDhcid) {
                    u.add(s.dhcidRecord(rev, s.ttl()));
                }
            }
            case REMOVE_FWD_ADDR -> {
                requireChecking(step, checking);
                if (mode == ConflictResolutionMode.CHECK_WITH_DHCID) {
                    u.present(s.dhcidRecord(fqdn, 0));
                } else {
                    u.present(fqdn, Type.DHCID);
                }
                u.delete(s.addressRecord(0));
            }
            case REMOVE_FWD_RRS -> {
                if (mode == ConflictResolutionMode.CHECK_WITH_DHCID) {
                    u.present(s.dhcidRecord(fqdn, 0));
                    u.absent(fqdn, Type.A);
                    u.absent(fqdn, Type.AAAA);
                    u.delete(fqdn);
                } else if (mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID) {
                    u.absent(fqdn, Type.A);
                    u.absent(fqdn, Type.AAAA);
                    u.delete(fqdn, Type.DHCID);
                } else {
                    u.delete(fqdn, s.addressType());
                    if (withDhcid) {
                        u.delete(fqdn, Type.DHCID);
                    }
                }
            }
            case REMOVE_REV -> {
                if (checking) {
                    u.present(s.ptrRecord(0));
                    u.delete(rev);
                } else {
                    u.delete(rev, Type.PTR);
                    if (withDhcid) {
                        u.delete(rev, Type.DHCID);
                    }
                }
            }
            default -> throw new IllegalArgumentException(step.name());
        }
        return u;
    }

    private static void requireChecking(Step step, boolean checking) {
        if (!checking) {
            throw new IllegalArgumentException(step + " exists only in the conflict-checking modes");
        }
    }
}
