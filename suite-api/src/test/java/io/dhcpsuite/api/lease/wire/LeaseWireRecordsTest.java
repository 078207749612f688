package io.dhcpsuite.api.lease.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.util.Arrays;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every component of every record the lease wire carries survives the round trip. The sample is
 * built by reflection with a value unlike the default in each component, so a component added to
 * a record without codec support (its compatibility constructor fills a default) fails here, and a
 * component of a type this test does not know fails with a message saying so.
 */
class LeaseWireRecordsTest {

    @Test
    void everyComponentOfAnOpSurvives() throws Exception {
        LeaseOp4 op = sample(LeaseOp4.class);
        LeaseOp4 back = LeaseWire.decodeOps(LeaseWire.encodeOps(List.of(op))).get(0);
        assertSameComponents(op, back);
    }

    @Test
    void everyComponentOfAResultAndItsLeasesSurvives() throws Exception {
        LeaseResult4 r = sample(LeaseResult4.class);
        LeaseResult4 back = LeaseWire.decodeResults(LeaseWire.encodeResults(List.of(r))).get(0);
        assertSameComponents(r, back);
        assertSameComponents(r.lease(), back.lease());
        assertSameComponents(r.previous(), back.previous());
    }

    /** A DHCPv6 op with its IAs and their prefixes: nested records are compared component by component too. */
    @Test
    void everyComponentOfAV6OpSurvives() throws Exception {
        LeaseOp6 op = sample(LeaseOp6.class);
        LeaseOp6 back = LeaseWire6.decodeOps(LeaseWire6.encodeOps(List.of(op))).get(0);
        assertSameComponents(op, back);
    }

    @Test
    void everyComponentOfAV6ResultItsIasAndTheirLeasesSurvives() throws Exception {
        LeaseResult6 r = sample(LeaseResult6.class);
        LeaseResult6 back = LeaseWire6.decodeResults(LeaseWire6.encodeResults(List.of(r))).get(0);
        assertSameComponents(r, back);
    }

    private static void assertSameComponents(Record sent, Record received) throws Exception {
        for (RecordComponent c : sent.getClass().getRecordComponents()) {
            Object value = c.getAccessor().invoke(sent);
            Object got = c.getAccessor().invoke(received);
            if (value instanceof Record nested && got instanceof Record back) {
                assertSameComponents(nested, back);
            } else if (value instanceof List<?> list && got instanceof List<?> backs && list.size() == backs.size()) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Record nested && backs.get(i) instanceof Record back) {
                        assertSameComponents(nested, back);
                    }
                }
            }
            assertThat(got)
                    .as("%s.%s did not survive the lease wire", sent.getClass().getSimpleName(), c.getName())
                    .isEqualTo(value);
        }
    }

    private static <R extends Record> R sample(Class<R> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType(), i);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    /** A value unlike the type's default (0, false, null, empty, the first constant). */
    private static Object value(String name, Type generic, int position) throws Exception {
        Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
        long n = 1_000_003L * (position + 1);
        if (raw == long.class || raw == Long.class) {
            return n;
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) (position + 2);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == String.class) {
            return name + "-ü" + position;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[constants.length - 1 - position % (constants.length - 1)];
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (element instanceof Class<?> e && e.isRecord()) {
                // a null element too: lists of records carry a presence byte per element
                return Arrays.asList(value(name, element, position), null);
            }
            return element == Long.class ? List.of(n, n + 1) : List.of(value(name, element, position), name + "-2");
        }
        if (raw == JsonNode.class) {
            return JsonNodeFactory.instance.objectNode().put(name, position).set("nested",
                    JsonNodeFactory.instance.arrayNode().add(true).add("x"));
        }
        if (raw.isRecord()) {
            return sample(raw.asSubclass(Record.class));
        }
        return fail("no sample for %s %s: teach LeaseWire and this test the type", raw.getName(), name);
    }
}
