package io.dhcpsuite.dhcp.bootstrap;

import io.dhcpsuite.api.command.BasicCommands;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.dhcp.processing.PacketProcessor;
import io.dhcpsuite.dhcp.transport.DhcpSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Starts the receive threads once the context is ready; logs Kea's start and shutdown ids. */
final class DhcpLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
    private final DhcpSockets sockets;
    private final PacketProcessor processor;
    private final SuiteConfig config;
    private volatile boolean running;

    DhcpLifecycle(DhcpSockets sockets, PacketProcessor processor, SuiteConfig config) {
        this.sockets = sockets;
        this.processor = processor;
        this.config = config;
    }

    @Override
    public void start() {
        int subnets = config.dhcp4() == null ? 0 : config.dhcp4().subnets().size();
        log.info("DHCP4_CONFIG_COMPLETE DHCPv4 server has completed configuration: {} subnet(s), {} socket(s), from {}",
                subnets, sockets.sockets().size(), config.source() == null ? "(no file)" : config.source());
        if (sockets.sockets().isEmpty() && config.dhcp4() != null) {
            log.warn("DHCP4_NO_SOCKETS_OPEN no interface configured to listen to DHCP traffic");
        }
        sockets.start(processor);
        running = true;
        log.info("DHCP4_STARTED Kea DHCPv4 server version {} started", BasicCommands.VERSION);
    }

    @Override
    public void stop() {
        running = false;
        sockets.close();
        log.info("DHCP4_SHUTDOWN server shutdown");
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
