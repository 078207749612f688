package io.dhcpsuite.api.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several services in one JVM, each from its own class loader, one after the other:
 * {@code ./dhcpctl start --one-process} runs lease-service and dhcp-service this way, so that
 * batches between them are method calls ({@link io.dhcpsuite.api.lease.wire.InProcessLeaseWire})
 * instead of frames on a socket.
 *
 * <p>Arguments: groups separated by {@value #SEPARATOR}, each {@code MAIN-CLASS JAR [ARG...]}.
 * The JVM's class path holds the libraries every service shares (this class's jar among them, so
 * the in-process lease wire is one class for all); {@code JAR} is a service's extracted jar, whose
 * manifest names its other libraries, so each service sees its own classes and resources (its
 * {@code application.yml}) and the shared ones, and nothing of the other service's. A service's
 * main runs on a thread whose context class loader is the service's, which every thread it starts
 * inherits; the next service starts when that main has returned (its context is up). A main that
 * throws ends the process with status 1.
 */
public final class OneProcess {
    static final String SEPARATOR = "::";

    private OneProcess() {
    }

    /** One service: its main class, its jar and its arguments. */
    record Service(String mainClass, Path jar, String[] args) {
    }

    public static void main(String[] args) {
        List<Service> services;
        try {
            services = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR " + e.getMessage());
            System.exit(2);
            return;
        }
        for (Service s : services) {
            Throwable failure = run(s);
            if (failure != null) {
                System.err.println("ERROR " + s.mainClass() + " did not start: " + failure);
                System.exit(1);
            }
        }
    }

    static List<Service> parse(String[] args) {
        List<Service> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || SEPARATOR.equals(args[i])) {
                if (i - from < 2) {
                    throw new IllegalArgumentException("usage: OneProcess MAIN-CLASS JAR [ARG...] [" + SEPARATOR
                            + " MAIN-CLASS JAR [ARG...]]...; a group has " + (i - from) + " words");
                }
                Path jar = Path.of(args[from + 1]);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("no jar " + jar + " for " + args[from]);
                }
                out.add(new Service(args[from], jar, Arrays.copyOfRange(args, from + 2, i)));
                from = i + 1;
            }
        }
        return out;
    }

    /** Runs the service's main to its return; what it threw, or null. */
    static Throwable run(Service s) {
        URL url;
        try {
            url = s.jar().toUri().toURL();
        } catch (MalformedURLException e) {
            return e;
        }
        ClassLoader loader = new URLClassLoader(s.mainClass(), new URL[] {url}, OneProcess.class.getClassLoader());
        Throwable[] failure = new Throwable[1];
        Thread main = new Thread(() -> {
            try {
                Method m = loader.loadClass(s.mainClass()).getMethod("main", String[].class);
                m.invoke(null, (Object) s.args());
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failure[0] = e;
            }
        }, "main-" + s.mainClass().substring(s.mainClass().lastIndexOf('.') + 1));
        main.setContextClassLoader(loader);
        main.start();
        try {
            main.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
        return failure[0];
    }
}
