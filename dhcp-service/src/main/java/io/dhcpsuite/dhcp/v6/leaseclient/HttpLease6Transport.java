package io.dhcpsuite.dhcp.v6.leaseclient;

import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.LeaseOp6;
import io.dhcpsuite.api.lease.LeaseResult6;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/** Batches as JSON to {@value LeaseBatch6#PATH} over the JDK's HTTP/1.1 client (kept-alive connections). */
public final class HttpLease6Transport implements Lease6Transport {
    private final URI uri;
    private final Duration timeout;
    private final JsonMapper json;
    private final ExecutorService completions;
    private final HttpClient http;

    public HttpLease6Transport(String baseUrl, Duration timeout, JsonMapper json) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.uri = URI.create(base + LeaseBatch6.PATH);
        this.timeout = timeout;
        this.json = json;
        AtomicInteger n = new AtomicInteger();
        this.completions = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lease6-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(completions)
                .build();
    }

    @Override
    public void send(List<LeaseOp6> ops, Completion completion) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new LeaseBatch6(ops));
        } catch (RuntimeException e) {
            completion.done(null, e);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenCompleteAsync((response, error) -> answer(response, error, completion), completions);
        } catch (RuntimeException e) {
            completion.done(null, e);
        }
    }

    private void answer(HttpResponse<byte[]> response, Throwable error, Completion completion) {
        if (error == null && response.statusCode() != 200) {
            error = new IllegalStateException("lease-service answered HTTP " + response.statusCode() + " on " + uri);
        }
        List<LeaseResult6> results = null;
        if (error == null) {
            try {
                results = json.readValue(response.body(), LeaseBatch6Result.class).results();
                if (results == null) {
                    error = new IllegalStateException("lease-service answered no results");
                }
            } catch (RuntimeException e) {
                error = e;
            }
        }
        completion.done(error == null ? results : null, error);
    }

    @Override
    public String target() {
        return uri.toString();
    }

    @Override
    public void close() {
        http.shutdownNow();
        completions.shutdown();
    }
}
