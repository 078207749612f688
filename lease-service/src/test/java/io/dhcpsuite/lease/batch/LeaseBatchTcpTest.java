package io.dhcpsuite.lease.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseOp4.Kind;
import io.dhcpsuite.api.lease.LeaseResult4;
import io.dhcpsuite.api.lease.LeaseResult4.Status;
import io.dhcpsuite.api.lease.wire.LeaseWire;
import io.dhcpsuite.lease.LeaseServiceApplication;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The batch protocol over the TCP endpoint: pipelined batches, durable before their answer. */
@SpringBootTest(classes = LeaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeaseBatchTcpTest {
    static Path dir;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        dir = Files.createTempDirectory("lease-tcp");
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, """
                { "Dhcp4": { "valid-lifetime": 3600,
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] } ] } }
                """.formatted(dir.resolve("leases4.csv")));
        r.add("suite.config", cfg::toString);
    }

    @Autowired
    LeaseBatchTcpEndpoint endpoint;

    @Test
    void pipelinedDoraOverTcpIsDurable() throws Exception {
        assertThat(endpoint.port()).isPositive();
        try (Socket s = new Socket("127.0.0.1", endpoint.port())) {
            s.setSoTimeout(10_000);
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream());
            new DataOutputStream(out).writeInt(LeaseWire.MAGIC);
            DataInputStream in = new DataInputStream(s.getInputStream());
            // five OFFER batches in flight at once
            for (int b = 0; b < 5; b++) {
                List<LeaseOp4> ops = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = b * 10 + i;
                    ops.add(new LeaseOp4(n, Kind.OFFER, List.of(1L), 1, String.format("02:00:00:00:00:%02x", n), null,
                            true, null, false, null, 0, List.of(), 3600, "host" + n, true, true));
                }
                LeaseWire.writeFrame(out, 1000 + b, LeaseWire.BATCH, LeaseWire.encodeOps(ops));
            }
            out.flush();
            Map<Long, List<LeaseResult4>> answers = new HashMap<>();
            for (int b = 0; b < 5; b++) {
                LeaseWire.Frame f = LeaseWire.readFrame(in);
                assertThat(f.type()).isEqualTo(LeaseWire.RESULTS);
                answers.put(f.correlationId(), LeaseWire.decodeResults(f.payload()));
            }
            assertThat(answers.keySet()).containsExactlyInAnyOrder(1000L, 1001L, 1002L, 1003L, 1004L);
            List<LeaseOp4> requests = new ArrayList<>();
            for (long b = 0; b < 5; b++) {
                for (LeaseResult4 r : answers.get(1000 + b)) {
                    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
                    requests.add(new LeaseOp4(100 + r.id(), Kind.REQUEST, List.of(1L), 1, r.lease().hwAddress(), null,
                            true, r.lease().ipAddress(), true, null, 0, List.of(), 3600, "host" + r.id(), true, true));
                }
            }
            LeaseWire.writeFrame(out, 7, LeaseWire.BATCH, LeaseWire.encodeOps(requests));
            out.flush();
            LeaseWire.Frame acked = LeaseWire.readFrame(in);
            assertThat(acked.correlationId()).isEqualTo(7);
            List<LeaseResult4> results = LeaseWire.decodeResults(acked.payload());
            assertThat(results).hasSize(50).extracting(LeaseResult4::status).containsOnly(Status.ASSIGNED);
            String journal = Files.readString(dir.resolve("leases4.csv"));
            results.forEach(r -> assertThat(journal).contains(r.lease().ipAddress() + ","));
            assertThat(results.get(0).lease().hostname()).isEqualTo("host0");
        }
    }
}
