package io.dhcpsuite.ddns.ncr;

import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.ddns.NcrCodec;
import io.dhcpsuite.api.ddns.NcrFormatException;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.ddns.dns.D2Stats;
import io.dhcpsuite.ddns.queue.UpdateManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for received NCRs: an NCR Kea's D2 would refuse counts {@code ncr-invalid}
 * and is dropped with a log line naming the field; a valid one goes to the queue.
 */
public class NcrReceiver {
    private static final Logger log = LoggerFactory.getLogger(NcrReceiver.class);
    private final UpdateManager manager;
    private final Statistics stats;

    public NcrReceiver(UpdateManager manager, Statistics stats) {
        this.manager = manager;
        this.stats = stats;
    }

    public enum Verdict { QUEUED, INVALID, QUEUE_FULL }

    public record Received(Verdict verdict, Ncr ncr, String error) {
    }

    public Received datagram(byte[] buf, int offset, int length, String from) {
        Ncr ncr;
        try {
            ncr = NcrCodec.fromDatagram(buf, offset, length);
        } catch (NcrFormatException e) {
            return invalid(e, from);
        }
        return submit(ncr);
    }

    public Received json(String json, String from) {
        Ncr ncr;
        try {
            ncr = NcrCodec.fromJson(json);
        } catch (NcrFormatException e) {
            return invalid(e, from);
        }
        return submit(ncr);
    }

    /** A receive failure on the socket itself (Kea's listener ERROR result). */
    public void receiveError(String why) {
        stats.stat(D2Stats.NCR_ERROR).increment();
        log.error("DHCP_DDNS_NCR_RECV_NEXT_ERROR receiving NCRs failed: {}", why);
    }

    private Received submit(Ncr ncr) {
        return manager.submit(ncr) ? new Received(Verdict.QUEUED, ncr, null)
                : new Received(Verdict.QUEUE_FULL, ncr, "queue full");
    }

    private Received invalid(NcrFormatException e, String from) {
        stats.stat(D2Stats.NCR_INVALID).increment();
        log.error("DHCP_DDNS_INVALID_NCR invalid NameChangeRequest from {} dropped: {}", from, e.getMessage());
        return new Received(Verdict.INVALID, null, e.getMessage());
    }
}
