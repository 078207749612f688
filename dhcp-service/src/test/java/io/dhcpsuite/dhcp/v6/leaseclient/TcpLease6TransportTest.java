package io.dhcpsuite.dhcp.v6.leaseclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.api.lease.wire.LeaseWireServer;
import io.dhcpsuite.dhcp.leaseclient.TcpLeaseTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DHCPv6 batching client over the DHCPv4 transport's lease wire connections, against the real
 * {@link LeaseWireServer} on 127.0.0.1: ADVERTISEs go where OFFERs go, the writes where v4's writes
 * go (so lease-service may make them durable on that connection's reader), and closing the v6
 * client leaves the shared connections to their owner.
 */
class TcpLease6TransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private LeaseWireServer server;
    private TcpLeaseTransport shared;

    @AfterEach
    void stop() {
        if (shared != null) {
            shared.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static LeaseOp6 op(long id, LeaseOp6.Kind kind) {
        return new LeaseOp6(id, kind, List.of(1L), "00:01:" + id, null,
                List.of(new LeaseOp6.Ia(Lease6.IA_NA, 1, List.of(), List.of(), 0, 3000, 4000)), List.of(), null, false, false);
    }

    private static CompletableFuture<LeaseBatch6Result> answer(LeaseBatch6 batch) {
        List<LeaseResult6> r = new ArrayList<>();
        for (LeaseOp6 op : batch.ops()) {
            r.add(new LeaseResult6(op.id(), LeaseResult6.Status.OK, List.of(), "op " + op.id()));
        }
        return CompletableFuture.completedFuture(new LeaseBatch6Result(r));
    }

    @Test
    void advertisesAndWritesTakeTheirLanesConnectionsAndEveryOpGetsItsResult() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        server = new LeaseWireServer(LOOPBACK, 0, new LeaseWireServer.Handler() {
            @Override
            public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch) {
                return CompletableFuture.failedFuture(new IllegalStateException("no v4 here"));
            }

            @Override
            public CompletableFuture<LeaseBatch6Result> handle6(LeaseBatch6 batch) {
                calls.add("handle6 " + batch.ops().get(0).kind());
                return answer(batch);
            }

            @Override
            public CompletableFuture<LeaseBatch6Result> handleWrites6(LeaseBatch6 batch) {
                calls.add("handleWrites6 " + batch.ops().get(0).kind());
                return answer(batch);
            }
        }).start();
        shared = new TcpLeaseTransport("127.0.0.1", server.port(), Duration.ofSeconds(5), true);
        BatchingLease6Client client = new BatchingLease6Client(4, 2, 1000, Duration.ofSeconds(5),
                new TcpLease6Transport(shared));
        ConcurrentHashMap<Long, LeaseResult6> results = new ConcurrentHashMap<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        int n = 40;
        for (long i = 0; i < n; i++) {
            assertThat(client.submit(op(i, i % 2 == 0 ? LeaseOp6.Kind.ADVERTISE : LeaseOp6.Kind.ASSIGN), (r, e) -> {
                if (e != null) {
                    all.completeExceptionally(e);
                    return;
                }
                results.put(r.id(), r);
                if (results.size() == n) {
                    all.complete(null);
                }
            })).isTrue();
        }
        all.get(10, TimeUnit.SECONDS);
        for (long i = 0; i < n; i++) {
            assertThat(results.get(i).message()).isEqualTo("op " + i);
        }
        assertThat(calls).filteredOn(c -> c.endsWith("ADVERTISE")).isNotEmpty().allMatch(c -> c.startsWith("handle6 "));
        assertThat(calls).filteredOn(c -> c.endsWith("ASSIGN")).isNotEmpty().allMatch(c -> c.startsWith("handleWrites6 "));
        client.close();
        assertThat(shared.connected()).as("the v4 transport owns the connections").isTrue();
        assertThat(shared.connects()).isEqualTo(2);
    }
}
