package io.dhcpsuite.ddns.dns;

import io.dhcpsuite.api.stats.Statistics;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.WireParseException;

/**
 * {@link UpdateSender} over dnsjava's {@link SimpleResolver} (UDP, TCP on truncation).
 *
 * <p>Counting follows Kea's {@code DNSClientImpl}: every send counts {@code update-sent} and
 * {@code update-signed} or {@code update-unsigned}; the outcome counts {@code update-success}
 * when a well-formed answer arrived, whatever its RCODE (a YXDOMAIN is a successful exchange),
 * {@code update-timeout} when none came in time, and {@code update-error} otherwise. A signed
 * update whose answer fails TSIG verification (BIND's BADKEY/BADSIG answers are unsigned) is an
 * invalid response, as in Kea, so the transaction retries and then moves to the next server.
 */
public class DnsjavaUpdateSender implements UpdateSender {
    private static final Logger log = LoggerFactory.getLogger(DnsjavaUpdateSender.class);
    private final Duration timeout;
    private final Statistics stats;
    private final Map<DnsServerTarget, SimpleResolver> resolvers = new ConcurrentHashMap<>();

    public DnsjavaUpdateSender(Duration timeout, Statistics stats) {
        this.timeout = timeout;
        this.stats = stats;
    }

    @Override
    public Result send(Message update, DnsServerTarget server) {
        SimpleResolver resolver = resolvers.computeIfAbsent(server, s -> {
            SimpleResolver r = new SimpleResolver(s.address());
            r.setTimeout(timeout);
            if (s.key() != null) {
                r.setTSIGKey(s.key());
            }
            return r;
        });
        String key = server.keyName();
        stats.stat(D2Stats.UPDATE_SENT).increment();
        stats.stat(key == null ? D2Stats.UPDATE_UNSIGNED : D2Stats.UPDATE_SIGNED).increment();
        count(key, "update-sent");
        Result result = exchange(resolver, update, server);
        switch (result.status()) {
            case SUCCESS -> {
                stats.stat(D2Stats.UPDATE_SUCCESS).increment();
                count(key, "update-success");
            }
            case TIMEOUT -> {
                stats.stat(D2Stats.UPDATE_TIMEOUT).increment();
                count(key, "update-timeout");
            }
            default -> {
                stats.stat(D2Stats.UPDATE_ERROR).increment();
                count(key, "update-error");
            }
        }
        return result;
    }

    private Result exchange(SimpleResolver resolver, Message update, DnsServerTarget server) {
        Message response;
        try {
            // The resolver enforces the timeout; the extra second only guards against a lost future.
            response = resolver.sendAsync(update).toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(Status.TIMEOUT, null, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Status.OTHER, null, "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return new Result(Status.TIMEOUT, null, "no answer within " + timeout.toMillis() + " ms");
            }
            if (cause instanceof WireParseException) {
                return new Result(Status.INVALID_RESPONSE, null, "malformed answer: " + cause.getMessage());
            }
            if (cause instanceof IOException) {
                return new Result(Status.OTHER, null, cause.toString());
            }
            log.warn("DHCP_DDNS_UPDATE_FAILED update to {} failed: {}", server, cause.toString());
            return new Result(Status.OTHER, null, cause.toString());
        }
        if (server.key() != null && !response.isVerified()) {
            return new Result(Status.INVALID_RESPONSE, null, "answer failed TSIG verification (rcode "
                    + org.xbill.DNS.Rcode.string(response.getRcode()) + tsigError(response) + ")");
        }
        return new Result(Status.SUCCESS, response, null);
    }

    private static String tsigError(Message response) {
        var tsig = response.getTSIG();
        return tsig == null ? ", unsigned" : ", TSIG error " + org.xbill.DNS.Rcode.TSIGstring(tsig.getError());
    }

    private void count(String keyName, String stat) {
        if (keyName != null) {
            stats.stat(D2Stats.key(keyName, stat)).increment();
        }
    }
}
