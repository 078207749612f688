package io.dhcpsuite.dhcp.leaseclient;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseOp4;
import io.dhcpsuite.api.lease.LeaseResult4;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Batches as JSON to {@value LeaseBatch4#PATH} over the JDK's HTTP/1.1 client (kept-alive connections). */
public final class HttpLeaseTransport implements LeaseTransport {
    private final JsonBatchPoster<LeaseOp4, LeaseBatch4Result, LeaseResult4> poster;

    public HttpLeaseTransport(String baseUrl, Duration timeout, JsonMapper json) {
        this.poster = new JsonBatchPoster<>(baseUrl, LeaseBatch4.PATH, timeout, json, "lease-client",
                LeaseBatch4::new, LeaseBatch4Result.class, LeaseBatch4Result::results);
    }

    @Override
    public void send(List<LeaseOp4> ops, Completion completion) {
        poster.send(ops, completion::done);
    }

    @Override
    public String target() {
        return poster.target();
    }

    @Override
    public void close() {
        poster.close();
    }
}
