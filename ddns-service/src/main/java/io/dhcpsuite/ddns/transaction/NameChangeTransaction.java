package io.dhcpsuite.ddns.transaction;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.ddns.dns.DnsServerTarget;
import io.dhcpsuite.ddns.dns.UpdateSender;
import io.dhcpsuite.ddns.dns.UpdateSender.Result;
import io.dhcpsuite.ddns.dns.UpdateSender.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * Runs one NCR to completion on the calling thread (ddns-service gives each one a virtual thread).
 *
 * <p>Policy, from Kea's {@code NameChangeTransaction} and its subclasses: forward first; the
 * reverse change only if the forward one succeeded. Each UPDATE gets up to
 * {@link #MAX_TRIES_PER_SERVER} tries on a server when there is no usable answer (timeout, I/O
 * error, corrupt or unverifiable answer); then the direction restarts on the next server from its
 * first step; no servers left fails the transaction. An answer with an RCODE the step does not
 * expect fails the transaction at once (RFC 4703: "cease"), without trying other servers. The one
 * exception to "next server" is the second removal step: its first step already succeeded on this
 * server, so exhausting the tries there fails the transaction (Kea does the same).
 */
public final class NameChangeTransaction {
    public static final int MAX_TRIES_PER_SERVER = 3;
    /** Bounds the ADD/REPLACE ping-pong when the name keeps appearing and disappearing. */
    private static final int MAX_STEPS = 16;
    private static final Logger log = LoggerFactory.getLogger(NameChangeTransaction.class);

    private final Ncr ncr;
    private final ConflictResolutionMode mode;
    private final UpdateRequests.Subject subject;
    private final Zone forward;
    private final Zone reverse;
    private final UpdateSender sender;

    /**
     * @param forward the matched forward zone, or null when no forward change is to be made
     * @param reverse the matched reverse zone, or null when no reverse change is to be made
     */
    public NameChangeTransaction(Ncr ncr, UpdateRequests.Subject subject, Zone forward, Zone reverse,
                                 UpdateSender sender) {
        this.ncr = ncr;
        this.mode = ncr.mode();
        this.subject = subject;
        this.forward = forward;
        this.reverse = reverse;
        this.sender = sender;
    }

    public Outcome run() {
        boolean fwdDone = forward == null;
        if (forward != null) {
            String failure = direction(forward, true);
            if (failure != null) {
                return new Outcome(false, false, false, "forward: " + failure);
            }
            fwdDone = true;
        }
        if (reverse != null) {
            String failure = direction(reverse, false);
            if (failure != null) {
                return new Outcome(false, fwdDone, false, "reverse: " + failure);
            }
        }
        return new Outcome(true, true, true, null);
    }

    /** The first step of a direction for this NCR. */
    Step firstStep(boolean fwd) {
        if (ncr.isAdd()) {
            return fwd ? Step.ADD_FWD : Step.REPLACE_REV;
        }
        if (!fwd) {
            return Step.REMOVE_REV;
        }
        return checking() ? Step.REMOVE_FWD_ADDR : Step.REMOVE_FWD_RRS;
    }

    private boolean checking() {
        return mode == ConflictResolutionMode.CHECK_WITH_DHCID || mode == ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID;
    }

    /** Returns null on success, else the reason the direction failed. */
    private String direction(Zone zone, boolean fwd) {
        String last = "no DNS servers";
        int steps = 0;
        for (DnsServerTarget server : zone.servers()) {
            Step step = firstStep(fwd);
            int tries = 0;
            while (true) {
                if (++steps > MAX_STEPS * zone.servers().size()) {
                    return "gave up after " + (steps - 1) + " updates";
                }
                Result r = sender.send(UpdateRequests.build(step, mode, zone.name(), subject), server);
                tries++;
                if (r.status() != Status.SUCCESS) {
                    last = step + " to " + server + ": " + r.status() + (r.detail() == null ? "" : " (" + r.detail() + ")");
                    log.warn("DHCP_DDNS_{}_IO_ERROR {} for {} (try {} of {})", step, last, ncr.fqdn(), tries,
                            MAX_TRIES_PER_SERVER);
                    if (tries < MAX_TRIES_PER_SERVER) {
                        continue;
                    }
                    if (step == Step.REMOVE_FWD_RRS && checking()) {
                        return last;
                    }
                    break; // next server, from the first step
                }
                Next next = next(step, r.rcode());
                if (next.step() != null) {
                    step = next.step();
                    tries = 0;
                    continue;
                }
                if (next.ok()) {
                    return null;
                }
                return step + " rejected by " + server + " with " + Rcode.string(r.rcode());
            }
        }
        return "no more DNS servers; last: " + last;
    }

    /** The decision after an answer: another step, done, or failed. */
    record Next(Step step, boolean ok) {
        static final Next DONE = new Next(null, true);
        static final Next FAIL = new Next(null, false);
    }

    /** Kea's RCODE handling per state (nc_add.cc, nc_remove.cc, check_exists_*.cc, simple_*.cc). */
    Next next(Step step, int rcode) {
        boolean noError = rcode == Rcode.NOERROR;
        return switch (step) {
            case ADD_FWD -> noError ? Next.DONE
                    : rcode == Rcode.YXDOMAIN && checking() ? new Next(Step.REPLACE_FWD, false) : Next.FAIL;
            case REPLACE_FWD -> noError ? Next.DONE
                    : rcode == Rcode.NXDOMAIN ? new Next(Step.ADD_FWD, false) : Next.FAIL;
            case REPLACE_REV -> noError ? Next.DONE : Next.FAIL;
            case REMOVE_FWD_ADDR -> noError || rcode == Rcode.NXRRSET ? new Next(Step.REMOVE_FWD_RRS, false) : Next.FAIL;
            case REMOVE_FWD_RRS, REMOVE_REV -> noError || rcode == Rcode.NXRRSET ? Next.DONE : Next.FAIL;
        };
    }
}
