package io.dhcpsuite.dhcp.v6;

import com.sun.net.httpserver.HttpServer;
import io.dhcpsuite.api.lease.Lease6;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in lease-service on 127.0.0.1 serving the lease6 batch endpoint: every IA_NA gets
 * 2001:db8:1::100 + (number of IA_NAs handed out so far), every IA_PD 2001:db8:8:N::/56, with the
 * lifetimes the op asked for; RENEW of IAID 99 answers NoBinding; the ops are recorded.
 */
final class FakeLease6Service implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    final List<LeaseOp6> ops = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private int nextNa;
    private int nextPd;
    volatile boolean fail;

    FakeLease6Service() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext(LeaseBatch6.PATH, ex -> {
            try (ex) {
                if (fail) {
                    ex.sendResponseHeaders(500, -1);
                    return;
                }
                LeaseBatch6 batch = JSON.readValue(ex.getRequestBody().readAllBytes(), LeaseBatch6.class);
                List<LeaseResult6> results = new ArrayList<>();
                for (LeaseOp6 op : batch.ops()) {
                    ops.add(op);
                    results.add(answer(op));
                }
                byte[] body = JSON.writeValueAsBytes(new LeaseBatch6Result(results));
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized LeaseResult6 answer(LeaseOp6 op) {
        List<LeaseResult6.IaResult> ias = new ArrayList<>();
        long subnet = op.subnetIds().isEmpty() ? 0 : op.subnetIds().get(0);
        for (LeaseOp6.Ia ia : op.ias()) {
            if (op.kind() == LeaseOp6.Kind.RENEW && ia.iaid() == 99) {
                ias.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), LeaseResult6.IaStatus.NO_BINDING, List.of(), null));
                continue;
            }
            String addr;
            int len;
            if (Lease6.IA_PD.equals(ia.type())) {
                addr = ia.reserved().isEmpty() ? "2001:db8:8:" + Integer.toHexString(++nextPd << 8) + "::"
                        : ia.reserved().get(0).address();
                len = 56;
            } else {
                addr = !ia.reserved().isEmpty() ? ia.reserved().get(0).address()
                        : !ia.hints().isEmpty() ? ia.hints().get(0).address()
                        : "2001:db8:1::" + Integer.toHexString(0x100 + nextNa++);
                len = 128;
            }
            Lease6 l = new Lease6(addr, ia.type(), len, op.duid(), ia.iaid(), subnet, null, ia.preferredLifetime(),
                    ia.validLifetime(), 1_700_000_000L, op.hwAddress(), false, false, null, 0, null);
            ias.add(new LeaseResult6.IaResult(ia.type(), ia.iaid(), LeaseResult6.IaStatus.SUCCESS, List.of(l), null));
        }
        return new LeaseResult6(op.id(), LeaseResult6.Status.OK, ias, null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
