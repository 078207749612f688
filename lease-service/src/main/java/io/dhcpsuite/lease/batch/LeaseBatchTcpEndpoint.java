package io.dhcpsuite.lease.batch;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.api.lease.wire.InProcessLeaseWire;
import io.dhcpsuite.api.lease.wire.LeaseWire;
import io.dhcpsuite.api.lease.wire.LeaseWireServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import io.dhcpsuite.lease.config.LeaseServiceProperties;
import io.dhcpsuite.lease.v6.Lease6BatchService;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The hot path's TCP endpoint: the same batches as {@code POST /internal/v1/lease4/batch} and
 * {@code POST /internal/v1/lease6/batch} (to {@link Lease6BatchService#process}), in
 * {@link LeaseWire} frames over kept-alive, pipelined connections, served by
 * plain blocking sockets (no Tomcat, no JSON). Each batch goes to {@link LeaseBatchService#process}
 * and its answer leaves when that future completes, i.e. when the batch is durable.
 *
 * <p>Port {@code suite.lease-service.tcp-port} (default {@link LeaseWire#DEFAULT_PORT}; ephemeral when the HTTP port is
 * ephemeral, as in tests; -1 turns it off), bound on {@code server.address} like the HTTP port.
 * A port that cannot be bound fails the startup. {@code server.*} are Spring's own keys, read as
 * Spring binds them.
 *
 * <p>The same handler serves a dhcp-service run in this process without a socket
 * ({@link InProcessLeaseWire}), whether or not the port is on.
 */
@Component
public class LeaseBatchTcpEndpoint implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LeaseBatchTcpEndpoint.class);

    private final LeaseWireServer server;
    private final LeaseWireServer.Handler handler;

    LeaseBatchTcpEndpoint(LeaseBatchService service, Lease6BatchService service6, LeaseServiceProperties props,
                          Environment env) {
        handler = new LeaseWireServer.Handler() {
            @Override
            public CompletableFuture<LeaseBatch4Result> handle(LeaseBatch4 batch) {
                return service.process(batch);
            }

            @Override
            public CompletableFuture<LeaseBatch4Result> handleWrites(LeaseBatch4 batch) {
                return service.processWritingHere(batch);
            }

            @Override
            public CompletableFuture<LeaseBatch6Result> handle6(LeaseBatch6 batch) {
                return service6.process(batch);
            }

            @Override
            public CompletableFuture<LeaseBatch6Result> handleWrites6(LeaseBatch6 batch) {
                return GroupCommitter.writeHere(() -> service6.process(batch));
            }
        };
        // a dhcp-service in this process (./dhcpctl start --one-process) calls it directly
        InProcessLeaseWire.register(handler);
        Integer configured = props.leaseService().tcpPort();
        int port = configured != null ? configured
                : Integer.valueOf(0).equals(env.getProperty("server.port", Integer.class)) ? 0 : LeaseWire.DEFAULT_PORT;
        if (port < 0) {
            server = null;
            log.info("lease batch TCP endpoint off (suite.lease-service.tcp-port={})", port);
            return;
        }
        String address = env.getProperty("server.address");
        try {
            InetAddress bind = address == null || address.isBlank() ? null : InetAddress.getByName(address);
            server = new LeaseWireServer(bind, port, handler).start();
        } catch (IOException e) {
            InProcessLeaseWire.unregister(handler);
            throw new UncheckedIOException("suite.lease-service.tcp-port: cannot listen on "
                    + (address == null ? "*" : address) + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("lease batch TCP endpoint listening on {}", server.address());
    }

    /** The bound port, or -1 when off. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    public LeaseWireServer server() {
        return server;
    }

    @Override
    public void destroy() {
        InProcessLeaseWire.unregister(handler);
        if (server != null) {
            server.close();
        }
    }
}
