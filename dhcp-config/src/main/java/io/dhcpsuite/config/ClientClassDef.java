package io.dhcpsuite.config;

import io.dhcpsuite.config.expr.ClassExpression;
import java.util.List;

/**
 * A {@code client-classes} entry.
 *
 * @param name                 class name
 * @param test                 the test expression as written, or null
 * @param expression           the compiled test, or null when there is no test
 * @param onlyInAdditionalList {@code only-in-additional-list} / {@code only-if-required}
 * @param optionData           the class's option-data
 * @param nextServer           0 = unset
 * @param serverHostname       "" = unset
 * @param bootFileName         "" = unset
 * @param validLifetime        class lifetime override, or null
 * @param minValidLifetime     or null
 * @param maxValidLifetime     or null
 */
public record ClientClassDef(
        String name,
        String test,
        ClassExpression expression,
        boolean onlyInAdditionalList,
        List<OptionData> optionData,
        int nextServer,
        String serverHostname,
        String bootFileName,
        Long validLifetime,
        Long minValidLifetime,
        Long maxValidLifetime) {
}
