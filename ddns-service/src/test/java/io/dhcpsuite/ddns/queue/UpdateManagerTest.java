package io.dhcpsuite.ddns.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.ddns.ConflictResolutionMode;
import io.dhcpsuite.api.ddns.Ncr;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.d2.D2ConfigParser;
import io.dhcpsuite.ddns.dns.D2Stats;
import io.dhcpsuite.ddns.dns.UpdateSender;
import io.dhcpsuite.ddns.transaction.TransactionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import tools.jackson.databind.json.JsonMapper;

class UpdateManagerTest {
    private final Statistics stats = new Statistics();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ConcurrentHashMap<String, AtomicInteger> activePerName = new ConcurrentHashMap<>();
    private final AtomicInteger maxPerName = new AtomicInteger();

    /** Holds every update until released; tracks how many run at once per owner name. */
    private final UpdateSender blocking = (update, server) -> {
        String owner = update.getSection(org.xbill.DNS.Section.UPDATE).getLast().getName().toString();
        AtomicInteger active = activePerName.computeIfAbsent(owner, k -> new AtomicInteger());
        maxPerName.accumulateAndGet(active.incrementAndGet(), Math::max);
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            active.decrementAndGet();
        }
        Message answer = new Message();
        answer.getHeader().setRcode(Rcode.NOERROR);
        return new UpdateSender.Result(UpdateSender.Status.SUCCESS, answer, null);
    };

    private final TransactionFactory factory = new TransactionFactory(D2ConfigParser.fromDocument(
            JsonMapper.builder().build().readTree("""
                    {"DhcpDdns": {"forward-ddns": {"ddns-domains": [
                      {"name": "example.org.", "dns-servers": [{"ip-address": "127.0.0.1", "port": 5399}]}]}}}""")),
            blocking);

    private static Ncr ncr(String host, int client) {
        return Ncr.add(true, false, host + ".example.org", "198.18.0." + client, new byte[] {0, 0, 1, (byte) client},
                Instant.EPOCH, 300, ConflictResolutionMode.NO_CHECK_WITH_DHCID);
    }

    @Test
    void runsDifferentClientsInParallelButOneTransactionPerDhcidInArrivalOrder() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        try (UpdateManager m = new UpdateManager(1024, 32, factory::create, stats)) {
            m.setListener((n, o) -> done.add(n.fqdn()));
            m.submit(ncr("a1", 1));
            m.submit(ncr("a2", 1));
            m.submit(ncr("a3", 1));
            m.submit(ncr("b", 2));
            m.submit(ncr("c", 3));

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> m.inProgress() == 3);
            assertThat(m.queued()).isEqualTo(2);
            release.countDown();
            assertThat(m.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(done).hasSize(5);
        assertThat(done.stream().filter(f -> f.startsWith("a")).toList())
                .containsExactly("a1.example.org.", "a2.example.org.", "a3.example.org.");
        assertThat(maxPerName.get()).isEqualTo(1);
        assertThat(stats.value(D2Stats.NCR_RECEIVED)).isEqualTo(5);
    }

    @Test
    void dropsAndCountsNcrsBeyondTheQueueBound() throws Exception {
        try (UpdateManager m = new UpdateManager(2, 1, factory::create, stats)) {
            assertThat(m.submit(ncr("r", 1))).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> m.inProgress() == 1);
            assertThat(m.submit(ncr("s", 2))).isTrue();
            assertThat(m.submit(ncr("t", 3))).isTrue();

            assertThat(m.submit(ncr("u", 4))).isFalse();

            assertThat(stats.value(D2Stats.QUEUE_FULL)).isEqualTo(1);
            assertThat(stats.value(D2Stats.NCR_RECEIVED)).isEqualTo(3);
            release.countDown();
            assertThat(m.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(m.completed()).isEqualTo(3);
        }
    }
}
