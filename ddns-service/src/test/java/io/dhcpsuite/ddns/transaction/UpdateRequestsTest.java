package io.dhcpsuite.ddns.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Each step's prerequisite and update sections per mode, against Kea's build*Request() methods
 * (Kea ARM, D2 conflict resolution). Records read "CLASS TYPE owner ttl [rdata]".
 */
class UpdateRequestsTest {
    static final Name ZONE = Name.fromConstantString("example.org.");
    static final Name REV_ZONE = Name.fromConstantString("18.198.in-addr.arpa.");
    static final byte[] DHCID = {0, 0, 1, (byte) 0xab, (byte) 0xcd};
    static final String B64 = Base64.getEncoder().encodeToString(DHCID);
    static final String HOST = "host.example.org.";
    static final String REV = "10.0.18.198.in-addr.arpa.";

    static UpdateRequests.Subject subject(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        return new UpdateRequests.Subject(Name.fromString(HOST), a, ReverseMap.fromAddress(a), DHCID, 1200);
    }

    private static List<String> section(Update u, int section) {
        return u.getSection(section).stream().map(r -> DClass.string(r.getDClass()) + " " + Type.string(r.getType())
                + " " + r.getName() + " " + r.getTTL() + (r.rdataToString().isEmpty() ? "" : " " + r.rdataToString()))
                .toList();
    }

    private static Update build(Step step, ConflictResolutionMode mode) throws Exception {
        boolean rev = step == Step.REPLACE_REV || step == Step.REMOVE_REV;
        Update u = UpdateRequests.build(step, mode, rev ? REV_ZONE : ZONE, subject("198.18.0.10"));
        assertThat(u.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
        assertThat(u.getSection(Section.ZONE).getFirst().getName()).isEqualTo(rev ? REV_ZONE : ZONE);
        assertThat(Type.string(u.getSection(Section.ZONE).getFirst().getType())).isEqualTo("SOA");
        return u;
    }

    private static void expect(Step step, ConflictResolutionMode mode, List<String> prereqs, List<String> updates)
            throws Exception {
        Update u = build(step, mode);
        assertThat(section(u, Section.PREREQ)).as("%s %s prerequisites", mode, step).containsExactlyElementsOf(prereqs);
        assertThat(section(u, Section.UPDATE)).as("%s %s updates", mode, step).containsExactlyElementsOf(updates);
    }

    @Test
    void checkWithDhcidAddsOnlyIfTheNameIsFree() throws Exception {
        expect(Step.ADD_FWD, ConflictResolutionMode.CHECK_WITH_DHCID,
                List.of("NONE ANY " + HOST + " 0"),
                List.of("IN A " + HOST + " 1200 198.18.0.10", "IN DHCID " + HOST + " 1200 " + B64));
    }

    @Test
    void checkWithDhcidReplacesOnlyItsOwnName() throws Exception {
        expect(Step.REPLACE_FWD, ConflictResolutionMode.CHECK_WITH_DHCID,
                List.of("ANY ANY " + HOST + " 0", "IN DHCID " + HOST + " 0 " + B64),
                List.of("ANY A " + HOST + " 0", "IN A " + HOST + " 1200 198.18.0.10"));
    }

    @Test
    void reverseAddReplacesPtrAndDhcidWithoutPrerequisites() throws Exception {
        for (ConflictResolutionMode mode : List.of(ConflictResolutionMode.CHECK_WITH_DHCID,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID, ConflictResolutionMode.NO_CHECK_WITH_DHCID)) {
            expect(Step.REPLACE_REV, mode, List.of(), List.of("ANY PTR " + REV + " 0", "ANY DHCID " + REV + " 0",
                    "IN PTR " + REV + " 1200 " + HOST, "IN DHCID " + REV + " 1200 " + B64));
        }
    }

    @Test
    void checkWithDhcidRemovesOwnAddressThenTheRestWhenNoAddressIsLeft() throws Exception {
        expect(Step.REMOVE_FWD_ADDR, ConflictResolutionMode.CHECK_WITH_DHCID,
                List.of("IN DHCID " + HOST + " 0 " + B64),
                List.of("NONE A " + HOST + " 0 198.18.0.10"));
        expect(Step.REMOVE_FWD_RRS, ConflictResolutionMode.CHECK_WITH_DHCID,
                List.of("IN DHCID " + HOST + " 0 " + B64, "NONE A " + HOST + " 0", "NONE AAAA " + HOST + " 0"),
                List.of("ANY ANY " + HOST + " 0"));
    }

    @Test
    void reverseRemoveInConflictModesRequiresThePtrToNameTheClient() throws Exception {
        for (ConflictResolutionMode mode : List.of(ConflictResolutionMode.CHECK_WITH_DHCID,
                ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID)) {
            expect(Step.REMOVE_REV, mode, List.of("IN PTR " + REV + " 0 " + HOST), List.of("ANY ANY " + REV + " 0"));
        }
    }

    @Test
    void checkExistsWithDhcidAcceptsAnyDhcidOwner() throws Exception {
        expect(Step.ADD_FWD, ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                List.of("NONE ANY " + HOST + " 0"),
                List.of("IN A " + HOST + " 1200 198.18.0.10", "IN DHCID " + HOST + " 1200 " + B64));
        expect(Step.REPLACE_FWD, ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                List.of("ANY DHCID " + HOST + " 0"),
                List.of("ANY A " + HOST + " 0", "ANY DHCID " + HOST + " 0",
                        "IN A " + HOST + " 1200 198.18.0.10", "IN DHCID " + HOST + " 1200 " + B64));
        expect(Step.REMOVE_FWD_ADDR, ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                List.of("ANY DHCID " + HOST + " 0"), List.of("NONE A " + HOST + " 0 198.18.0.10"));
        expect(Step.REMOVE_FWD_RRS, ConflictResolutionMode.CHECK_EXISTS_WITH_DHCID,
                List.of("NONE A " + HOST + " 0", "NONE AAAA " + HOST + " 0"), List.of("ANY DHCID " + HOST + " 0"));
    }

    @Test
    void noCheckWithDhcidOverwritesUnconditionally() throws Exception {
        expect(Step.ADD_FWD, ConflictResolutionMode.NO_CHECK_WITH_DHCID, List.of(),
                List.of("ANY A " + HOST + " 0", "ANY DHCID " + HOST + " 0",
                        "IN A " + HOST + " 1200 198.18.0.10", "IN DHCID " + HOST + " 1200 " + B64));
        expect(Step.REMOVE_FWD_RRS, ConflictResolutionMode.NO_CHECK_WITH_DHCID, List.of(),
                List.of("ANY A " + HOST + " 0", "ANY DHCID " + HOST + " 0"));
        expect(Step.REMOVE_REV, ConflictResolutionMode.NO_CHECK_WITH_DHCID, List.of(),
                List.of("ANY PTR " + REV + " 0", "ANY DHCID " + REV + " 0"));
    }

    @Test
    void noCheckWithoutDhcidNeverTouchesDhcidRecords() throws Exception {
        ConflictResolutionMode m = ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID;
        expect(Step.ADD_FWD, m, List.of(), List.of("ANY A " + HOST + " 0", "IN A " + HOST + " 1200 198.18.0.10"));
        expect(Step.REPLACE_REV, m, List.of(), List.of("ANY PTR " + REV + " 0", "IN PTR " + REV + " 1200 " + HOST));
        expect(Step.REMOVE_FWD_RRS, m, List.of(), List.of("ANY A " + HOST + " 0"));
        expect(Step.REMOVE_REV, m, List.of(), List.of("ANY PTR " + REV + " 0"));
    }

    @Test
    void conflictOnlyStepsDoNotExistInNoCheckModes() {
        assertThatThrownBy(() -> build(Step.REPLACE_FWD, ConflictResolutionMode.NO_CHECK_WITH_DHCID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> build(Step.REMOVE_FWD_ADDR, ConflictResolutionMode.NO_CHECK_WITHOUT_DHCID))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6LeasesUseAaaaAndIp6Arpa() throws Exception {
        UpdateRequests.Subject s = subject("2001:db8::10");
        Update u = UpdateRequests.build(Step.ADD_FWD, ConflictResolutionMode.CHECK_WITH_DHCID, ZONE, s);
        assertThat(section(u, Section.UPDATE).getFirst()).isEqualTo("IN AAAA " + HOST + " 1200 2001:db8:0:0:0:0:0:10");
        assertThat(s.reverseName().toString()).endsWith(".8.b.d.0.1.0.0.2.ip6.arpa.");
        assertThat(Arrays.asList(section(UpdateRequests.build(Step.REPLACE_FWD,
                ConflictResolutionMode.CHECK_WITH_DHCID, ZONE, s), Section.UPDATE).toArray()))
                .contains("ANY AAAA " + HOST + " 0");
    }
}
