package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.dhcp.v6.Dhcp6Processor;
import io.dhcpsuite.dhcp.v6.leaseclient.BatchingLease6Client;
import io.dhcpsuite.dhcp.v6.transport.Dhcp6Sockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The DHCPv6 server of this process, present when the file has a {@code Dhcp6} section: its
 * sockets, chain and lease client. Started with the context, stopped before the lease client.
 */
public final class Dhcp6Server implements SmartLifecycle, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp6.dhcp6");
    private final Dhcp6Sockets sockets;
    private final Dhcp6Processor processor;
    private final BatchingLease6Client leases;
    /** An NCR sender of the DHCPv6 side alone (not shared with DHCPv4), or null. */
    private final AutoCloseable ownNcrSender;
    private volatile boolean running;

    Dhcp6Server(Dhcp6Sockets sockets, Dhcp6Processor processor, BatchingLease6Client leases,
                AutoCloseable ownNcrSender) {
        this.sockets = sockets;
        this.processor = processor;
        this.leases = leases;
        this.ownNcrSender = ownNcrSender;
    }

    public Dhcp6Sockets sockets() {
        return sockets;
    }

    public Dhcp6Processor processor() {
        return processor;
    }

    @Override
    public void start() {
        log.info("DHCP6_CONFIG_COMPLETE DHCPv6 server has completed configuration: {} subnet(s), {} socket(s), server DUID {}",
                processor.settings().config().subnets().size(), sockets.sockets().size(),
                processor.settings().serverDuid().toHex());
        if (sockets.sockets().isEmpty()) {
            log.warn("DHCP6_NO_SOCKETS_OPEN no interface configured to listen to DHCP traffic");
        }
        sockets.start(processor);
        running = true;
        log.info("DHCP6_STARTED Kea DHCPv6 server version {} started", BasicCommands.VERSION);
    }

    @Override
    public void stop() {
        running = false;
        sockets.close();
        log.info("DHCP6_SHUTDOWN server shutdown");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        sockets.close();
        leases.close();
        if (ownNcrSender != null) {
            try {
                ownNcrSender.close();
            } catch (Exception e) {
                log.warn("closing the DHCPv6 NCR sender: {}", e.toString());
            }
        }
    }
}
