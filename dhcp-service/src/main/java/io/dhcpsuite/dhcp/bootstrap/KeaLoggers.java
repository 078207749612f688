package io.dhcpsuite.dhcp.bootstrap;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.dhcpsuite.config.LoggerConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Kea's {@code loggers} to Logback. Logger names follow Kea's ({@code kea-dhcp4},
 * {@code kea-dhcp4.leases}, {@code kea-dhcp4.packets}, {@code kea-dhcp4.bad-packets}, ...); the
 * entry named {@code kea-dhcp4} also sets the root level, as it governs the whole daemon in Kea.
 * Severity maps FATAL/ERROR to ERROR, WARN, INFO, DEBUG, NONE to OFF. Outputs: {@code stdout}
 * (the default), {@code stderr}, or a file path (appended); syslog is not implemented and falls
 * back to stdout with a warning.
 *
 * <p>Performance: Kea logs every lease at INFO (DHCP4_LEASE_ALLOC, DHCP4_LEASE_ADVERT), i.e. two
 * lines per DORA. Every output is therefore wrapped in an {@link AsyncAppender} (large queue,
 * nothing discarded; a full queue slows the packet threads rather than losing lines), so the
 * packet threads only enqueue. {@code "severity": "WARN"} is the fast setting: the lines are
 * not even formatted.
 */
public final class KeaLoggers {
    private static final Logger log = LoggerFactory.getLogger(KeaLoggers.class);
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger{0}/" + ProcessHandle.current().pid()
            + ".%thread] %msg%n%ex{short}";
    private static final int QUEUE = 16384;

    private KeaLoggers() {
    }

    /** The {@code loggers} of the file's Dhcp4 section, then those of its Dhcp6 section ({@code kea-dhcp6...}). */
    public static void apply(io.dhcpsuite.config.SuiteConfig config) {
        List<LoggerConfig> all = new ArrayList<>();
        if (config.dhcp4() != null && config.dhcp4().loggers() != null) {
            all.addAll(config.dhcp4().loggers());
        }
        if (config.dhcp6() != null && config.dhcp6().loggers() != null) {
            all.addAll(config.dhcp6().loggers());
        }
        apply(all);
    }

    public static void apply(List<LoggerConfig> loggers) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        wrapAsync(ctx, root);
        if (loggers == null) {
            return;
        }
        for (LoggerConfig lc : loggers) {
            Level level = level(lc.severity());
            boolean daemon = "kea-dhcp4".equals(lc.name());
            ch.qos.logback.classic.Logger target = ctx.getLogger(lc.name());
            target.setLevel(level);
            if (daemon) {
                root.setLevel(level);
            }
            List<Appender<ILoggingEvent>> outputs = new ArrayList<>();
            boolean stdout = false;
            for (String out : lc.outputs() == null ? List.<String>of() : lc.outputs()) {
                if (out == null || out.isBlank() || "stdout".equals(out)) {
                    stdout = true;
                } else if ("stderr".equals(out)) {
                    outputs.add(console(ctx, "System.err"));
                } else if (out.startsWith("syslog")) {
                    log.warn("DHCP4_CONFIG_WARNING loggers output '{}' is not implemented; logging to stdout", out);
                    stdout = true;
                } else {
                    outputs.add(file(ctx, out));
                }
            }
            if (outputs.isEmpty()) {
                continue;
            }
            ch.qos.logback.classic.Logger holder = daemon ? root : target;
            if (!stdout && daemon) {
                holder.detachAndStopAllAppenders();
            } else if (!daemon) {
                target.setAdditive(stdout);
            }
            for (Appender<ILoggingEvent> a : outputs) {
                holder.addAppender(async(ctx, a));
            }
        }
    }

    static Level level(String severity) {
        if (severity == null) {
            return Level.INFO;
        }
        return switch (severity.toUpperCase(Locale.ROOT)) {
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN", "WARNING" -> Level.WARN;
            case "DEBUG" -> Level.DEBUG;
            case "NONE" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    private static void wrapAsync(LoggerContext ctx, ch.qos.logback.classic.Logger root) {
        List<Appender<ILoggingEvent>> sync = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (!(a instanceof AsyncAppender)) {
                sync.add(a);
            }
        }
        for (Appender<ILoggingEvent> a : sync) {
            root.detachAppender(a);
            root.addAppender(async(ctx, a));
        }
    }

    private static Appender<ILoggingEvent> async(LoggerContext ctx, Appender<ILoggingEvent> inner) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(ctx);
        async.setName("ASYNC-" + inner.getName());
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(2000);
        async.addAppender(inner);
        async.start();
        return async;
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(PATTERN);
        e.start();
        return e;
    }

    private static Appender<ILoggingEvent> console(LoggerContext ctx, String target) {
        ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
        c.setContext(ctx);
        c.setName("KEA-" + target);
        c.setTarget(target);
        c.setEncoder(encoder(ctx));
        c.start();
        return c;
    }

    private static Appender<ILoggingEvent> file(LoggerContext ctx, String path) {
        FileAppender<ILoggingEvent> f = new FileAppender<>();
        f.setContext(ctx);
        f.setName("KEA-FILE-" + path);
        f.setFile(path);
        f.setAppend(true);
        f.setImmediateFlush(true);
        f.setEncoder(encoder(ctx));
        f.start();
        return f;
    }
}
