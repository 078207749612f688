package io.dhcpsuite.deploy;

import io.dhcpsuite.config.KeaConfigLoader;
import io.dhcpsuite.config.SuiteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository and small helpers shared by the deployment checks. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String r = System.getProperty("suite.root");
        Path p = r == null || r.isBlank() ? Path.of("..") : Path.of(r);
        return p.toAbsolutePath().normalize();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(200);
        return new Yaml(o);
    }

    /** Every document of a multi-document YAML stream, empty ones dropped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : yaml().loadAll(text)) {
            if (d instanceof Map<?, ?> m) {
                docs.add((Map<String, Object>) m);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlFile(Path p) {
        Object o = yaml().load(read(p));
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    /** Helm's value merge: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object b = out.get(k);
            if (b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm) {
                out.put(k, merge((Map<String, Object>) bm, (Map<String, Object>) vm));
            } else if (v == null) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A value at a dotted path ({@code a.b.[key.with.dots]}), or null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String path) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < path.length(); ) {
            int end;
            if (path.charAt(i) == '[') {
                end = path.indexOf(']', i);
                parts.add(path.substring(i + 1, end));
                end++;
            } else {
                end = path.indexOf('.', i);
                end = end < 0 ? path.length() : end;
                parts.add(path.substring(i, end));
            }
            i = end + 1;
        }
        Object cur = node;
        for (String part : parts) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return (T) cur;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String path) {
        Object v = at(node, path);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    /** Parses a Kea-format file with the suite's own loader, as every service does at start-up. */
    static SuiteConfig kea(Path file) {
        return KeaConfigLoader.load(file);
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            // read while it runs: an output larger than the pipe's buffer (64 KiB) would otherwise
            // block the process and the wait below would time out
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(p.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
