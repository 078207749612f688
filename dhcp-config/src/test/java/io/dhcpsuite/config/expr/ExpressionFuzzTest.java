package io.dhcpsuite.config.expr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the class expression language (docs/reliability.md). A {@code test}
 * comes from the configuration, so compiling may only succeed or raise IllegalArgumentException
 * (the config parser turns it into a ConfigException naming the class). A compiled expression runs
 * on every packet, so evaluating it must never throw. Seeds: the expressions of ClassExpressionsTest
 * and the test configurations, in ExpressionFuzzTestInputs/.
 */
class ExpressionFuzzTest {
    /** Kea keeps a class test on one configuration line; 4 KiB is well past any real one. */
    static final int MAX_TEST = 4096;
    private static final PacketView PACKET = new ClassExpressionsTest.FakePacket();

    @FuzzTest(maxDuration = "5m")
    void compileFailsClosedAndEvaluationNeverThrows(byte[] input) {
        if (input.length > MAX_TEST) {
            return;
        }
        String test = new String(input, StandardCharsets.UTF_8);
        ClassExpression e;
        try {
            e = ClassExpressions.compile(test, name -> name.equals("my-opt") ? 224 : null,
                    name -> !name.equals("undefined"));
        } catch (IllegalArgumentException expected) {
            return;
        }
        e.matches(PACKET, Set.of("KNOWN", "a"));
        e.matches(PACKET, Set.of());
    }
}
