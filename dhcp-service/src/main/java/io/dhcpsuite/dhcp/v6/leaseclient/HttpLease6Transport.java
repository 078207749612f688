package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import io.dhcpsuite.dhcp.leaseclient.JsonBatchPoster;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Batches as JSON to {@value LeaseBatch6#PATH} over the JDK's HTTP/1.1 client (kept-alive connections). */
public final class HttpLease6Transport implements Lease6Transport {
    private final JsonBatchPoster<LeaseOp6, LeaseBatch6Result, LeaseResult6> poster;

    public HttpLease6Transport(String baseUrl, Duration timeout, JsonMapper json) {
        this.poster = new JsonBatchPoster<>(baseUrl, LeaseBatch6.PATH, timeout, json, "lease6-client",
                LeaseBatch6::new, LeaseBatch6Result.class, LeaseBatch6Result::results);
    }

    @Override
    public void send(List<LeaseOp6> ops, Completion completion) {
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
