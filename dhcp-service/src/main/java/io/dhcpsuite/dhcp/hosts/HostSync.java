package io.dhcpsuite.dhcp.hosts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a {@link HostReplicaBase} in step with lease-service's hosts: asks for the changes after the
 * version held. The gateway asks for a pull ({@link #pull}, the internal {@code hosts-sync}
 * command) after every reservation change it forwards, before it answers, so a reservation added
 * through the API is used for the next packet; a timer pulls every {@code interval} as well, for
 * changes that did not pass the gateway and for a lease-service that restarted (a new epoch
 * sends everything again). Pulls never run on a packet thread.
 */
public final class HostSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostSync.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Supplier<String> epoch;
    private final LongSupplier version;
    private final IntSupplier size;
    private final Consumer<JsonNode> apply;
    private final String feedUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;
    private volatile boolean synced;
    private volatile long lastPull;

    /** Keeps {@code replica} in step, from its feed at lease-service ({@code /internal/v1/hosts4} or {@code hosts6}). */
    public HostSync(HostReplicaBase<?> replica, String leaseServiceUrl, Duration interval, Duration timeout) {
        this(replica.feedPath(), replica::epoch, replica::version, replica::size, replica::apply,
                leaseServiceUrl, interval, timeout);
    }

    private HostSync(String feedPath, Supplier<String> epoch, LongSupplier version, IntSupplier size,
                     Consumer<JsonNode> apply, String leaseServiceUrl, Duration interval, Duration timeout) {
        this.epoch = epoch;
        this.version = version;
        this.size = size;
        this.apply = apply;
        this.feedUrl = leaseServiceUrl.replaceAll("/+$", "") + feedPath;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hosts-sync").daemon(true).factory());
        if (!interval.isZero()) {
            // every second until the first copy arrives (lease-service may start after us), then every interval
            long every = interval.toNanos();
            timer.scheduleWithFixedDelay(() -> {
                if (!synced || System.nanoTime() - lastPull >= every) {
                    pullQuietly();
                }
            }, 0, Math.min(1000, interval.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Fetches and applies the changes now; throws when lease-service cannot be asked. */
    public synchronized int pull() throws IOException, InterruptedException {
        String uri = feedUrl + "?epoch=" + URLEncoder.encode(epoch.get(), StandardCharsets.UTF_8)
                + "&since=" + version.getAsLong();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("lease-service answered HTTP " + r.statusCode() + " for " + feedUrl);
        }
        JsonNode feed = JSON.readTree(r.body());
        apply.accept(feed);
        int changes = feed.path("hosts").size() + feed.path("deleted").size();
        if (failing || feed.path("reset").asBoolean(false)) {
            log.info("HOSTS_SYNCED {} database host reservation(s) held from {}, version {}", size.getAsInt(), feedUrl,
                    version.getAsLong());
        }
        failing = false;
        synced = true;
        lastPull = System.nanoTime();
        return changes;
    }

    private void pullQuietly() {
        try {
            pull();
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.warn("HOSTS_SYNC_FAILED cannot fetch the database host reservations from {}: {}", feedUrl, e.toString());
            }
            failing = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
