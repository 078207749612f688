package io.dhcpsuite.dhcp.leaseclient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts one batch of lease operations as JSON to lease-service over the JDK's HTTP/1.1 client
 * (kept-alive connections) and hands back its results: the HTTP transport of both families.
 *
 * @param <O> the operation type
 * @param <B> the batch result type lease-service answers
 * @param <R> the result type of one operation
 */
public final class JsonBatchPoster<O, B, R> implements AutoCloseable {
    private final URI uri;
    private final Duration timeout;
    private final JsonMapper json;
    private final Function<List<O>, Object> batch;
    private final Class<B> answerType;
    private final Function<B, List<R>> results;
    private final ExecutorService completions;
    private final HttpClient http;

    public JsonBatchPoster(String baseUrl, String path, Duration timeout, JsonMapper json, String threadName,
                           Function<List<O>, Object> batch, Class<B> answerType, Function<B, List<R>> results) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.uri = URI.create(base + path);
        this.timeout = timeout;
        this.json = json;
        this.batch = batch;
        this.answerType = answerType;
        this.results = results;
        AtomicInteger n = new AtomicInteger();
        this.completions = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(completions)
                .build();
    }

    /** Sends {@code ops} without blocking; {@code done} gets the results or the failure, exactly once. */
    public void send(List<O> ops, BiConsumer<List<R>, Throwable> done) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(batch.apply(ops));
        } catch (RuntimeException e) {
            done.accept(null, e);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenCompleteAsync((response, error) -> answer(response, error, done), completions);
        } catch (RuntimeException e) {
            done.accept(null, e);
        }
    }

    private void answer(HttpResponse<byte[]> response, Throwable error, BiConsumer<List<R>, Throwable> done) {
        if (error == null && response.statusCode() != 200) {
            error = new IllegalStateException("lease-service answered HTTP " + response.statusCode() + " on " + uri);
        }
        List<R> answered = null;
        if (error == null) {
            try {
                answered = results.apply(json.readValue(response.body(), answerType));
                if (answered == null) {
                    error = new IllegalStateException("lease-service answered no results");
                }
            } catch (RuntimeException e) {
                error = e;
            }
        }
        done.accept(error == null ? answered : null, error);
    }

    /** Where batches go, for log lines. */
    public String target() {
        return uri.toString();
    }

    @Override
    public void close() {
        http.shutdownNow();
        completions.shutdown();
    }
}
