package io.dhcpsuite.api.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneProcessTest {
    @TempDir
    Path dir;

    /** A service's main: records how it was run, and throws when told to. */
    public static final class Fixture {
        static volatile String[] args;
        static volatile ClassLoader contextLoader;

        public static void main(String[] a) {
            if (a.length > 0 && a[0].equals("--fail")) {
                throw new IllegalStateException("port 8082 in use");
            }
            args = a;
            contextLoader = Thread.currentThread().getContextClassLoader();
        }
    }

    /** A jar holding a resource only its service should see. */
    private Path jar(String name) throws IOException {
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("application.yml"));
            j.write(("spring.application.name: " + name + "\n").getBytes());
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void eachServiceRunsWithItsOwnClassLoaderAsContextAndItsArguments() throws Exception {
        Path lease = jar("lease-service");
        List<OneProcess.Service> services = OneProcess.parse(new String[] {
                Fixture.class.getName(), lease.toString(), "--server.port=8082", "::",
                Fixture.class.getName(), jar("dhcp-service").toString()});
        assertThat(services).hasSize(2);
        assertThat(OneProcess.run(services.get(0))).isNull();
        assertThat(Fixture.args).containsExactly("--server.port=8082");
        ClassLoader leaseLoader = Fixture.contextLoader;
        try (InputStream in = leaseLoader.getResourceAsStream("application.yml")) {
            assertThat(new String(in.readAllBytes())).contains("lease-service");
        }
        assertThat(OneProcess.run(services.get(1))).isNull();
        assertThat(Fixture.args).isEmpty();
        assertThat(Fixture.contextLoader).isNotSameAs(leaseLoader);
        try (InputStream in = Fixture.contextLoader.getResourceAsStream("application.yml")) {
            assertThat(new String(in.readAllBytes())).contains("dhcp-service");
        }
    }

    @Test
    void whatAMainThrowsIsReturned() throws Exception {
        OneProcess.Service s = OneProcess.parse(new String[] {Fixture.class.getName(), jar("x").toString(), "--fail"}).get(0);
        assertThat(OneProcess.run(s)).isInstanceOf(IllegalStateException.class).hasMessage("port 8082 in use");
        OneProcess.Service missing = OneProcess.parse(new String[] {"io.example.Nothing", jar("y").toString()}).get(0);
        assertThat(OneProcess.run(missing)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aGroupWithoutAJarOrWithAMissingOneIsRefusedByName() {
        assertThatThrownBy(() -> OneProcess.parse(new String[] {"io.example.Main"}))
                .hasMessageContaining("a group has 1 words");
        assertThatThrownBy(() -> OneProcess.parse(new String[] {"io.example.Main", "/nonexistent/x.jar"}))
                .hasMessage("no jar /nonexistent/x.jar for io.example.Main");
        assertThatThrownBy(() -> OneProcess.parse(new String[] {"io.example.Main", dir.toString(), "::"}))
                .hasMessageContaining("no jar");
    }
}
