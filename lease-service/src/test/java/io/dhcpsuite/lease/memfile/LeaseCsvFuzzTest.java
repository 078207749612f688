package io.dhcpsuite.lease.memfile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the memfile lease file reader (docs/reliability.md): a lease file may
 * be edited by hand, written by Kea, or cut short by a crash. Its header either names the columns
 * or raises IllegalArgumentException (the load fails with that message); each row is a lease or an
 * IllegalArgumentException (counted, logged with its line, skipped, as Kea's
 * DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR); nothing else. Seeds: lease files as Kea 2.2 and the suite
 * write them, in LeaseCsvFuzzTestInputs/.
 */
class LeaseCsvFuzzTest {
    /** Rows are short; 64 KiB of file reaches every path many times over. */
    static final int MAX_FILE = 1 << 16;

    @FuzzTest(maxDuration = "5m")
    void headerAndRowsFailClosed(byte[] input) {
        if (input.length > MAX_FILE) {
            return;
        }
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        LeaseCsv.Columns columns;
        try {
            columns = new LeaseCsv.Columns(lines[0]);
        } catch (IllegalArgumentException expected) {
            columns = new LeaseCsv.Columns(LeaseCsv.HEADER);
        }
        for (int i = 1; i < lines.length; i++) {
            try {
                LeaseCsv.parse(lines[i], columns);
            } catch (IllegalArgumentException expected) {
                // the documented failure: a row error
            }
        }
    }
}
