package io.dhcpsuite.api.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A service's statistics under Kea's names ({@code pkt4-received}, {@code subnet[1].assigned-addresses}).
 *
 * <p>Hot-path updates only touch a {@link LongAdder}; the sample history that Kea's
 * {@code statistic-get} shows ({@code [[value, "timestamp"], ...]}, newest first) is taken when the
 * statistic is read or set, not on every increment, so counting a packet costs no allocation.
 * Retention follows Kea: {@code max-samples} (default 20) or {@code max-sample-age}.
 */
public class Statistics {
    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private final Map<String, Stat> stats = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile int defaultMaxSamples = 20;
    private volatile Duration defaultMaxAge = Duration.ZERO;

    public Statistics(Clock clock) {
        this.clock = clock;
    }

    public Statistics() {
        this(Clock.systemDefaultZone());
    }

    /** The statistic with this name, created at 0 if absent. Keep the handle on hot paths. */
    public Stat stat(String name) {
        return stats.computeIfAbsent(name, n -> new Stat(n, this));
    }

    public void add(String name, long delta) {
        stat(name).add(delta);
    }

    public void set(String name, long value) {
        stat(name).set(value);
    }

    public long value(String name) {
        Stat s = stats.get(name);
        return s == null ? 0 : s.value();
    }

    public boolean exists(String name) {
        return stats.containsKey(name);
    }

    public boolean remove(String name) {
        return stats.remove(name) != null;
    }

    public void removeAll() {
        stats.clear();
    }

    public void resetAll() {
        stats.values().forEach(Stat::reset);
    }

    /** Names in sorted order. */
    public List<String> names() {
        return new ArrayList<>(new TreeMap<>(stats).keySet());
    }

    /** Kea's sample list for one statistic, newest first; null when the statistic does not exist. */
    public List<List<Object>> samples(String name) {
        Stat s = stats.get(name);
        return s == null ? null : s.samples();
    }

    /** Every statistic's samples, sorted by name (statistic-get-all). */
    public Map<String, List<List<Object>>> all() {
        Map<String, List<List<Object>>> out = new TreeMap<>();
        stats.forEach((n, s) -> out.put(n, s.samples()));
        return out;
    }

    public void setDefaultMaxSamples(int maxSamples) {
        defaultMaxSamples = maxSamples;
        defaultMaxAge = Duration.ZERO;
        stats.values().forEach(s -> s.setLimits(maxSamples, Duration.ZERO));
    }

    public void setDefaultMaxAge(Duration age) {
        defaultMaxAge = age;
        defaultMaxSamples = 0;
        stats.values().forEach(s -> s.setLimits(0, age));
    }

    String now() {
        return LocalDateTime.ofInstant(clock.instant(), clock.getZone()).format(KEA_TIME);
    }

    Instant instant() {
        return clock.instant();
    }

    /** One statistic: a counter plus its retained samples. */
    public static final class Stat {
        private final String name;
        private final Statistics owner;
        private final LongAdder value = new LongAdder();
        private final Deque<Sample> history = new ArrayDeque<>();
        private int maxSamples;
        private Duration maxAge;

        Stat(String name, Statistics owner) {
            this.name = name;
            this.owner = owner;
            this.maxSamples = owner.defaultMaxSamples;
            this.maxAge = owner.defaultMaxAge;
            record(0);
        }

        public String name() {
            return name;
        }

        public void add(long delta) {
            value.add(delta);
        }

        public void increment() {
            value.increment();
        }

        public long value() {
            return value.sum();
        }

        public synchronized void set(long v) {
            value.reset();
            value.add(v);
            record(v);
        }

        public synchronized void reset() {
            set(0);
        }

        public synchronized void setLimits(int samples, Duration age) {
            maxSamples = samples;
            maxAge = age;
            trim();
        }

        synchronized List<List<Object>> samples() {
            long v = value.sum();
            if (history.isEmpty() || history.peekFirst().value != v) {
                record(v);
            }
            List<List<Object>> out = new ArrayList<>(history.size());
            for (Sample s : history) {
                out.add(List.of(s.value, s.time));
            }
            return out;
        }

        private void record(long v) {
            history.addFirst(new Sample(v, owner.now(), owner.instant()));
            trim();
        }

        private void trim() {
            if (maxSamples > 0) {
                while (history.size() > maxSamples) {
                    history.removeLast();
                }
            } else if (maxAge != null && !maxAge.isZero()) {
                Instant oldest = owner.instant().minus(maxAge);
                while (history.size() > 1 && history.peekLast().at.isBefore(oldest)) {
                    history.removeLast();
                }
            }
        }
    }

    private record Sample(long value, String time, Instant at) {
    }

}
