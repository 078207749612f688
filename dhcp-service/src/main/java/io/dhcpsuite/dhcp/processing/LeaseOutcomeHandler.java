package io.dhcpsuite.dhcp.processing;

import io.dhcpsuite.api.lease.Lease4;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.codec.Ipv4;
import io.dhcpsuite.codec.MessageType;
import io.dhcpsuite.codec.OptionCodes;
import io.dhcpsuite.config.Subnet4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the reply from lease-service's answer, with Kea's {@code authoritative} rules: a REQUEST
 * for an address the client may not have is NAKed; an INIT-REBOOT for a lease the server does not
 * know (UNKNOWN) is NAKed only by an authoritative server and otherwise ignored (RFC 2131 §4.3.2,
 * DHCP4_NO_LEASE_INIT_REBOOT); a DISCOVER with no address free is dropped, a REQUEST NAKed.
 * Lease-service errors and an unreachable lease-service drop the packet: the client retransmits.
 * Per-lease INFO lines carry Kea's ids (DHCP4_LEASE_ADVERT, DHCP4_LEASE_ALLOC, DHCP4_RELEASE,
 * DHCP4_DECLINE_LEASE) behind a level check.
 */
final class LeaseOutcomeHandler implements Handler {
    private static final Logger leases = LoggerFactory.getLogger("kea-dhcp4.leases");
    private static final Logger badPackets = LoggerFactory.getLogger("kea-dhcp4.bad-packets");
    private final ServerSettings settings;

    LeaseOutcomeHandler(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome handle(Exchange ex) {
        if (ex.replyType == MessageType.NAK || ex.type == MessageType.INFORM) {
            return Outcome.CONTINUE;
        }
        if (ex.leaseFailure != null) {
            return ex.drop("DHCP4_PACKET_DROP_0007 lease-service unavailable: " + ex.leaseFailure.getMessage());
        }
        LeaseResult4 r = ex.leaseResult;
        if (r == null || r.status() == LeaseResult4.Status.ERROR) {
            return ex.drop("DHCP4_PACKET_DROP_0007 lease-service error: " + (r == null ? "no result" : r.message()));
        }
        return switch (ex.type) {
            case DISCOVER -> discover(ex, r);
            case REQUEST -> request(ex, r);
            case RELEASE -> release(ex, r);
            case DECLINE -> decline(ex, r);
            default -> Outcome.CONTINUE;
        };
    }

    private Outcome discover(Exchange ex, LeaseResult4 r) {
        if (r.status() != LeaseResult4.Status.ASSIGNED || r.lease() == null) {
            return ex.drop("DHCP4_PACKET_NAK_0003 failed to advertise a lease, client sent ciaddr "
                    + Ipv4.format(ex.query.ciaddr()) + ", requested-ip-address " + requested(ex)
                    + (r.message() == null ? "" : ": " + r.message()));
        }
        assigned(ex, r.lease(), MessageType.OFFER);
        if (leases.isInfoEnabled()) {
            leases.info("DHCP4_LEASE_ADVERT {}: lease {} will be advertised", ex.label(), r.lease().ipAddress());
        }
        return Outcome.CONTINUE;
    }

    private Outcome request(Exchange ex, LeaseResult4 r) {
        switch (r.status()) {
            case ASSIGNED -> {
                if (r.lease() == null) {
                    return ex.drop("DHCP4_PACKET_DROP_0007 lease-service assigned no lease");
                }
                assigned(ex, r.lease(), MessageType.ACK);
                if (leases.isInfoEnabled()) {
                    leases.info("DHCP4_LEASE_ALLOC {}: lease {} has been allocated for {} seconds",
                            ex.label(), r.lease().ipAddress(), r.lease().validLft());
                }
                return Outcome.CONTINUE;
            }
            case UNKNOWN -> {
                if (!authoritative(ex)) {
                    if (badPackets.isDebugEnabled()) {
                        badPackets.debug("DHCP4_NO_LEASE_INIT_REBOOT {}: no lease for address {} requested by INIT-REBOOT client",
                                ex.label(), requested(ex));
                    }
                    return Outcome.DONE;
                }
                return nak(ex, "DHCP4_PACKET_NAK_0002", "address is not leased to this client", r);
            }
            default -> {
                return nak(ex, ex.requestState == Exchange.RequestState.INIT_REBOOT
                        ? "DHCP4_PACKET_NAK_0002" : "DHCP4_PACKET_NAK_0004",
                        r.status() == LeaseResult4.Status.NO_ADDRESS ? "no address available" : "address not available", r);
            }
        }
    }

    private Outcome nak(Exchange ex, String id, String text, LeaseResult4 r) {
        ex.replyType = MessageType.NAK;
        ex.nakMessage = r.message() == null || r.message().isBlank() ? text : r.message();
        if (badPackets.isDebugEnabled()) {
            badPackets.debug("{} {}: failed to grant a lease, client sent ciaddr {}, requested-ip-address {}: {}",
                    id, ex.label(), Ipv4.format(ex.query.ciaddr()), requested(ex), ex.nakMessage);
        }
        return Outcome.CONTINUE;
    }

    private Outcome release(Exchange ex, LeaseResult4 r) {
        if (r.status() == LeaseResult4.Status.RELEASED) {
            if (leases.isInfoEnabled()) {
                leases.info("DHCP4_RELEASE {}: address {} was released properly.", ex.label(),
                        Ipv4.format(ex.query.ciaddr()));
            }
        } else if (leases.isDebugEnabled()) {
            leases.debug("DHCP4_RELEASE_FAIL_NO_LEASE {}: client is trying to release non-existing lease {}{}",
                    ex.label(), Ipv4.format(ex.query.ciaddr()), r.message() == null ? "" : " (" + r.message() + ")");
        }
        return Outcome.DONE;
    }

    private Outcome decline(Exchange ex, LeaseResult4 r) {
        if (r.status() == LeaseResult4.Status.DECLINED) {
            if (leases.isInfoEnabled()) {
                long probation = settings.config() == null ? 86400 : settings.config().declineProbationPeriod();
                leases.info("DHCP4_DECLINE_LEASE Received DHCPDECLINE for addr {} from client {}. "
                        + "The lease will be unavailable for {} seconds.", requested(ex), ex.label(), probation);
            }
        } else if (leases.isInfoEnabled()) {
            leases.info("DHCP4_DECLINE_LEASE_NOT_FOUND Received DHCPDECLINE for addr {} from client {}, "
                    + "but no such lease found.", requested(ex), ex.label());
        }
        return Outcome.DONE;
    }

    private void assigned(Exchange ex, Lease4 lease, MessageType replyType) {
        ex.replyType = replyType;
        ex.yiaddr = Ipv4.parse(lease.ipAddress());
    }

    private boolean authoritative(Exchange ex) {
        Subnet4 s = ex.selection == null ? null : ex.selection.subnet();
        return s == null ? settings.authoritative() : s.authoritative();
    }

    private static String requested(Exchange ex) {
        Integer a = ex.query.optionAddress(OptionCodes.REQUESTED_ADDRESS);
        return a == null ? "(no address)" : Ipv4.format(a);
    }
}
