package io.dhcpsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite as an operator runs it: {@code ./dhcpctl start --config FILE} from the project root,
 * commands through the gateway, {@code ./dhcpctl stop}. One suite at a time (fixed ports).
 */
final class Suite implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path runDir;

    private Suite(Path runDir) {
        this.runDir = runDir;
    }

    /** Starts the suite with {@code config} and dhcpctl's {@code options}; fails the test with dhcpctl's output if it cannot. */
    static Suite start(Path config, Path runDir, String... options) throws Exception {
        Suite suite = new Suite(runDir);
        List<String> args = new ArrayList<>(List.of("start", "--config", config.toString()));
        args.addAll(List.of(options));
        Result r = suite.dhcpctl(Duration.ofMinutes(6), args.toArray(String[]::new));
        assertThat(r.exitCode()).as("dhcpctl start output:\n" + r.output()).isZero();
        return suite;
    }

    Result dhcpctl(Duration timeout, String... args) throws Exception {
        return run(runDir, timeout, args);
    }

    static Result run(Path runDir, Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("dhcpctl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(runDir.toFile()).redirectErrorStream(true);
        pb.environment().put("DHCPCTL_RUN_DIR", runDir.resolve("run").toString());
        return exec(pb, timeout);
    }

    static Result exec(ProcessBuilder pb, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("e2e-proc", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(p.exitValue(), output);
    }

    /** A Kea command through the gateway for service dhcp4; returns the first answer of the list. */
    JsonNode command(String command, String argumentsJson) throws Exception {
        return command("dhcp4", command, argumentsJson);
    }

    /** A Kea command through the gateway for Kea service {@code service} ("dhcp4", "d2"). */
    JsonNode command(String service, String command, String argumentsJson) throws Exception {
        String body = "{\"command\": \"" + command + "\", \"service\": [\"" + service + "\"]"
                + (argumentsJson == null ? "" : ", \"arguments\": " + argumentsJson) + "}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8000/"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode list = JSON.readTree(resp.body());
        assertThat(list.isArray()).as(resp.body()).isTrue();
        return list.get(0);
    }

    long statistic(String name) throws Exception {
        JsonNode answer = command("statistic-get", "{\"name\": \"" + name + "\"}");
        JsonNode samples = answer.path("arguments").path(name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    /** The service's pid; lease-service's and dhcp-service's is the one JVM's with --one-process. */
    int pid(String service) throws IOException {
        Path file = runDir.resolve("run").resolve(service + ".pid");
        if (!Files.exists(file) && (service.equals("lease-service") || service.equals("dhcp-service"))) {
            file = runDir.resolve("run").resolve("one-process.pid");
        }
        return Integer.parseInt(Files.readString(file).trim());
    }

    Path log(String service) {
        return runDir.resolve("run").resolve("logs").resolve(service + ".log");
    }

    @Override
    public void close() throws Exception {
        dhcpctl(Duration.ofMinutes(3), "stop");
    }

    record Result(int exitCode, String output) {
    }
}
