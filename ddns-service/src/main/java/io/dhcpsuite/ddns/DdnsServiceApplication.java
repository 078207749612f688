package io.dhcpsuite.ddns;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.stats.Statistics;
import io.dhcpsuite.config.ConfigException;
import io.dhcpsuite.config.SuiteConfig;
import io.dhcpsuite.config.SuiteConfigBootstrap;
import io.dhcpsuite.ddns.command.D2Commands;
import io.dhcpsuite.config.d2.D2Config;
import io.dhcpsuite.config.d2.D2ConfigParser;
import io.dhcpsuite.ddns.dns.DnsjavaUpdateSender;
import io.dhcpsuite.ddns.ncr.NcrReceiver;
import io.dhcpsuite.ddns.ncr.NcrUdpListener;
import io.dhcpsuite.ddns.queue.UpdateManager;
import io.dhcpsuite.ddns.transaction.TransactionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.SpringApplication;
import io.dhcpsuite.web.command.CommandEndpoint;
import io.dhcpsuite.web.http.SlowRequestConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * ddns-service, Kea's D2: receives NameChangeRequests (UDP on {@code DhcpDdns} ip-address:port,
 * and {@code POST /internal/v1/ncr}) and carries them out as RFC 2136 updates through dnsjava.
 */
@SpringBootApplication
@Import({CommandEndpoint.class, SlowRequestConfiguration.class})
@EnableConfigurationProperties(DdnsServiceProperties.class)
public class DdnsServiceApplication {
    private static final Logger log = LoggerFactory.getLogger(DdnsServiceApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(DdnsServiceApplication.class, args);
    }

    @Bean
    SuiteConfig suiteConfig(DdnsServiceProperties props) {
        return SuiteConfigBootstrap.load(props.config());
    }

    /** A refused DhcpDdns section stops start-up with one line naming the key, as kea-dhcp-ddns does. */
    @Bean
    D2Config d2Config(SuiteConfig suite) {
        try {
            return D2ConfigParser.fromDocument(suite.raw());
        } catch (ConfigException e) {
            log.error("DCTL_CONFIG_FILE_LOAD_FAIL configuration {} refused: {}", suite.source(), e.getMessage());
            System.err.println("ERROR configuration " + suite.source() + " refused: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    @Bean
    Statistics statistics() {
        return new Statistics();
    }

    @Bean(destroyMethod = "close")
    UpdateManager updateManager(D2Config config, Statistics stats, DdnsServiceProperties props) {
        int maxQueue = props.ddns().maxQueueSize();
        int maxTransactions = props.ddns().maxTransactions();
        TransactionFactory factory = new TransactionFactory(config,
                new DnsjavaUpdateSender(Duration.ofMillis(config.dnsServerTimeout()), stats));
        return new UpdateManager(maxQueue, maxTransactions, factory::create, stats);
    }

    @Bean
    NcrReceiver ncrReceiver(UpdateManager manager, Statistics stats) {
        return new NcrReceiver(manager, stats);
    }

    /** The UDP listener; {@code suite.ddns.udp=false} leaves only the REST path (tests). */
    @Bean(initMethod = "start", destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "suite.ddns.udp",
            havingValue = "true", matchIfMissing = true)
    NcrUdpListener ncrUdpListener(D2Config config, NcrReceiver receiver) {
        try {
            return new NcrUdpListener(config.ipAddress(), config.port(), receiver);
        } catch (IOException e) {
            String why = "DhcpDdns: cannot listen on UDP " + config.ipAddress() + ":" + config.port() + ": " + e.getMessage();
            log.error("DHCP_DDNS_QUEUE_MGR_START_ERROR {}", why);
            System.err.println("ERROR " + why);
            System.exit(1);
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    CommandDispatcher commandDispatcher(Statistics stats, D2Config config, UpdateManager manager,
                                        ConfigurableApplicationContext context) {
        return D2Commands.register(new CommandDispatcher(), Clock.systemDefaultZone(), stats, config, status -> {
            status.put("ncr-queued", manager.queued());
            status.put("transactions-in-progress", manager.inProgress());
        }, type -> shutdownLater(type, manager, context));
    }

    /** Answers first; then drains (drain_first) or finishes running transactions, and exits. */
    private static void shutdownLater(String type, UpdateManager manager, ConfigurableApplicationContext context) {
        Thread.ofPlatform().name("d2-shutdown").start(() -> {
            try {
                Thread.sleep(200); // lets the HTTP answer leave before the web server stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("DHCP_DDNS_SHUTDOWN_COMMAND shutdown requested, type {}", type);
            manager.shutdown(type.equals("drain_first"), type.equals("now") ? Duration.ZERO : Duration.ofSeconds(10));
            System.exit(SpringApplication.exit(context));
        });
    }
}
