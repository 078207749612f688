package io.dhcpsuite.ddns.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.ddns.dns.DnsServerTarget;
import io.dhcpsuite.ddns.dns.UpdateSender;
import io.dhcpsuite.ddns.dns.UpdateSender.Result;
import io.dhcpsuite.ddns.dns.UpdateSender.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The state model: RCODE decisions, retries, server failover, forward before reverse. */
class NameChangeTransactionTest {
    static final DnsServerTarget FWD1 = server(5301);
    static final DnsServerTarget FWD2 = server(5302);
    static final DnsServerTarget REV1 = server(5303);
    static final Zone FWD = new Zone(Name.fromConstantString("example.org."), false, List.of(FWD1, FWD2));
    static final Zone REV = new Zone(Name.fromConstantString("18.198.in-addr.arpa."), false, List.of(REV1));

    /** Answers from a script; records what was sent where. */
    static final class ScriptedSender implements UpdateSender {
        final Deque<Result> script = new ArrayDeque<>();
        final List<DnsServerTarget> servers = new ArrayList<>();
        final List<Message> sent = new ArrayList<>();

        ScriptedSender answer(int... rcodes) {
            for (int rcode : rcodes) {
                Message m = new Message();
                m.getHeader().setRcode(rcode);
                script.add(new Result(Status.SUCCESS, m, null));
            }
            return this;
        }

        ScriptedSender fail(Status status, int times) {
            for (int i = 0; i < times; i++) {
                script.add(new Result(status, null, "scripted"));
            }
            return this;
        }

        @Override
        public Result send(Message update, DnsServerTarget server) {
            servers.add(server);
            sent.add(update);
            if (script.isEmpty()) {
                throw new AssertionError("unexpected update #" + sent.size() + " to " + server);
            }
            return script.removeFirst();
        }
    }

    static DnsServerTarget server(int port) {
        return new DnsServerTarget(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, null);
    }

    static Outcome run(boolean add, ConflictResolutionMode mode, Zone fwd, Zone rev, ScriptedSender sender)
            throws Exception {
        byte[] dhcid = {0, 1, 1, 5};
        Ncr ncr = add ? Ncr.add(true, true, "h.example.org", "198.18.0.10", dhcid, Instant.EPOCH, 600, mode)
                : Ncr.remove(true, true, "h.example.org", "198.18.0.10", dhcid, Instant.EPOCH, 600, mode);
        InetAddress a = InetAddress.getByName("198.18.0.10");
        var subject = new UpdateRequests.Subject(Name.fromString("h.example.org."), a,
                org.xbill.DNS.ReverseMap.fromAddress(a), dhcid, 600);
        return new NameChangeTransaction(ncr, subject, fwd, rev, sender).run();
    }

    @Test
    void addOfAFreeNameIsOneForwardThenOneReverseUpdate() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NOERROR, Rcode.NOERROR);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isTrue();
        assertThat(s.servers).containsExactly(FWD1, REV1);
    }

    @Test
    void nameInUseLeadsToReplaceAndADhcidMismatchFailsWithoutTouchingReverse() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.YXDOMAIN, Rcode.NXRRSET);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isFalse();
        assertThat(o.reason()).isEqualTo("forward: REPLACE_FWD rejected by 127.0.0.1 port:5301 with NXRRSET");
        assertThat(s.servers).containsExactly(FWD1, FWD1);
        assertThat(s.sent.get(1).getSection(Section.PREREQ)).hasSize(2);
    }

    @Test
    void nameGoneDuringReplaceGoesBackToAdd() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.YXDOMAIN, Rcode.NXDOMAIN, Rcode.NOERROR, Rcode.NOERROR);
        assertThat(run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s).ok()).isTrue();
        assertThat(s.sent.get(2).getSection(Section.PREREQ)).hasSize(1); // the "name not in use" add again
    }

    @Test
    void threeTimeoutsMoveToTheNextServerWhichStartsFromTheFirstStep() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.YXDOMAIN).fail(Status.TIMEOUT, 3)
                .answer(Rcode.NOERROR, Rcode.NOERROR);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).as(o.reason()).isTrue();
        assertThat(s.servers).containsExactly(FWD1, FWD1, FWD1, FWD1, FWD2, REV1);
        assertThat(s.sent.get(4).getSection(Section.PREREQ)).hasSize(1);
    }

    @Test
    void failsWhenEveryServerIsExhausted() throws Exception {
        ScriptedSender s = new ScriptedSender().fail(Status.TIMEOUT, 3).fail(Status.INVALID_RESPONSE, 3);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isFalse();
        assertThat(o.reason()).startsWith("forward: no more DNS servers; last: ADD_FWD to 127.0.0.1 port:5302: INVALID_RESPONSE");
        assertThat(s.servers).containsExactly(FWD1, FWD1, FWD1, FWD2, FWD2, FWD2);
    }

    @Test
    void anUnexpectedRcodeCeasesWithoutTryingOtherServers() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.REFUSED);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isFalse();
        assertThat(s.servers).containsExactly(FWD1);
    }

    @Test
    void reverseFailureIsReportedAfterForwardSucceeded() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NOERROR).fail(Status.TIMEOUT, 3);
        Outcome o = run(true, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isFalse();
        assertThat(o.forwardDone()).isTrue();
        assertThat(o.reason()).startsWith("reverse: no more DNS servers");
    }

    @Test
    void noCheckModesHaveNoReplaceStep() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.YXDOMAIN);
        assertThat(run(true, ConflictResolutionMode.NO_CHECK_WITH_DHCID, FWD, REV, s).ok()).isFalse();
        assertThat(s.sent).hasSize(1);
    }

    @Test
    void removeTreatsNxrrsetAsDoneAtEveryStep() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NXRRSET, Rcode.NXRRSET, Rcode.NXRRSET);
        assertThat(run(false, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s).ok()).isTrue();
        assertThat(s.servers).containsExactly(FWD1, FWD1, REV1);
    }

    @Test
    void removeSecondStepOutOfTriesFailsInsteadOfMovingServers() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NOERROR).fail(Status.TIMEOUT, 3);
        Outcome o = run(false, ConflictResolutionMode.CHECK_WITH_DHCID, FWD, REV, s);
        assertThat(o.ok()).isFalse();
        assertThat(s.servers).containsExactly(FWD1, FWD1, FWD1, FWD1);
    }

    @Test
    void noCheckRemoveIsOneUpdatePerDirection() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NOERROR, Rcode.NOERROR);
        assertThat(run(false, ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID, FWD, REV, s).ok()).isTrue();
        assertThat(s.servers).containsExactly(FWD1, REV1);
    }

    @Test
    void reverseOnlyWhenNoForwardZoneApplies() throws Exception {
        ScriptedSender s = new ScriptedSender().answer(Rcode.NOERROR);
        assertThat(run(true, ConflictResolutionMode.CHECK_WITH_DHCID, null, REV, s).ok()).isTrue();
        assertThat(s.servers).containsExactly(REV1);
    }
}
