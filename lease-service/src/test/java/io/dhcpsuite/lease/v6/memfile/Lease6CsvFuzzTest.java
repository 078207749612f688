package io.dhcpsuite.lease.v6.memfile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the DHCPv6 memfile reader (docs/reliability.md), LeaseCsvFuzzTest's
 * v6 twin: a kea-leases6.csv may be edited by hand, written by Kea, or cut short by a crash. Its
 * header either names the columns or raises IllegalArgumentException; each row is a lease or an
 * IllegalArgumentException (counted, logged, skipped); nothing else. Seeds: a Kea 2.2 file and one
 * in the suite's current columns, in Lease6CsvFuzzTestInputs/.
 */
class Lease6CsvFuzzTest {
    static final int MAX_FILE = 1 << 16;

    @FuzzTest(maxDuration = "5m")
    void headerAndRowsFailClosed(byte[] input) {
        if (input.length > MAX_FILE) {
            return;
        }
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        Lease6Csv.Columns columns;
        try {
            columns = new Lease6Csv.Columns(lines[0]);
        } catch (IllegalArgumentException expected) {
            columns = new Lease6Csv.Columns(Lease6Csv.HEADER);
        }
        for (int i = 1; i < lines.length; i++) {
            try {
                Lease6Csv.parse(lines[i], columns);
            } catch (IllegalArgumentException expected) {
                // the documented failure: a row error
            }
        }
    }
}
