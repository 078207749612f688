package io.dhcpsuite.gateway.api;

import io.dhcpsuite.api.command.CommandDispatcher;
import io.dhcpsuite.api.command.CommandRequest;
import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.HostsSync;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.gateway.GatewayProperties;
import io.dhcpsuite.api.config.ConfigPhases;
import io.dhcpsuite.gateway.routing.AnswerMerger;
import io.dhcpsuite.gateway.routing.ConfigTransaction;
import io.dhcpsuite.gateway.routing.ServiceRoutes;
import io.dhcpsuite.gateway.routing.ServiceRoutes.Target;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Forwards one command to one suite service. A service that cannot be reached answers result 1
 * with the Control Agent's text, naming the Kea service, so scripts see what Kea would tell them.
 */
@Component
public class ServiceClient {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceClient.class);
    private static final String FORWARD_FAILURE = "unable to forward command to the ";
    private final Map<Target, RestClient> clients = new EnumMap<>(Target.class);
    private final ConfigTransaction configTransaction = new ConfigTransaction(
            (t, r) -> forward(t, r.service() != null && r.service().contains("dhcp6") ? "dhcp6" : "dhcp4", r));

    public ServiceClient(GatewayProperties props) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(java.time.Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(props.forwardTimeout());
        GatewayProperties.Services s = props.services();
        clients.put(Target.DHCP, RestClient.builder().requestFactory(factory).baseUrl(s.dhcpUrl()).build());
        clients.put(Target.LEASE, RestClient.builder().requestFactory(factory).baseUrl(s.leaseUrl()).build());
        clients.put(Target.HA, RestClient.builder().requestFactory(factory).baseUrl(s.haUrl()).build());
        clients.put(Target.DDNS, RestClient.builder().requestFactory(factory).baseUrl(s.ddnsUrl()).build());
    }

    /**
     * Forwards {@code request} for Kea service {@code keaService} to every suite service that plays
     * part of it and merges their answers into the one Kea would give.
     */
    public CommandResponse forward(String keaService, CommandRequest request) {
        if (ConfigPhases.INTERNAL.contains(request.command()) || HostsSync.COMMAND.equals(request.command())) {
            // the reconfiguration phases are between the gateway and the services only
            return CommandResponse.unsupported(request.command());
        }
        if (ConfigTransaction.handles(keaService, request.command())) {
            return configTransaction.run(keaService, request.command(), request.arguments());
        }
        if ("dhcp6".equals(keaService) && !ServiceRoutes.servesDhcp6(request.command())) {
            return CommandResponse.unsupported(request.command());
        }
        List<Target> targets = ServiceRoutes.targets(keaService, request.command());
        if (targets.isEmpty()) {
            return CommandResponse.error("forwarding socket is not configured for the server type " + keaService);
        }
        List<CommandResponse> answers = new ArrayList<>(targets.size());
        for (Target t : targets) {
            answers.add(forward(t, keaService, request));
        }
        if (("dhcp4".equals(keaService) || "dhcp6".equals(keaService)) && HostsSync.changesHosts(request.command())
                && answers.get(0).result() == ResultCode.SUCCESS) {
            syncHosts();
        }
        return AnswerMerger.merge(request.command(), answers);
    }

    /**
     * Has dhcp-service take a reservation change before the operator hears of it. The change is
     * stored either way; if dhcp-service cannot be reached, its timer picks the change up later,
     * so the operator's answer stays the store's.
     */
    private void syncHosts() {
        CommandResponse sync = forward(Target.DHCP, "dhcp4", CommandRequest.of(HostsSync.COMMAND, null));
        if (sync.result() != ResultCode.SUCCESS) {
            log.warn("hosts-sync to dhcp-service failed ({}); it will pick the change up on its next pull", sync.text());
        }
    }

    public CommandResponse forward(Target target, String keaService, CommandRequest request) {
        try {
            CommandResponse answer = clients.get(target).post().uri(CommandDispatcher.PATH)
                    .body(new CommandRequest(request.command(), "dhcp6".equals(keaService) ? List.of(keaService) : null,
                            request.arguments()))
                    .retrieve().body(CommandResponse.class);
            return answer != null ? answer
                    : CommandResponse.error("empty answer from the " + keaService + " service");
        } catch (RestClientException e) {
            return CommandResponse.error(FORWARD_FAILURE + keaService + " service: "
                    + rootMessage(e) + ". The server is likely to be offline");
        }
    }

    /** Whether {@code answer} says the service could not be reached (rather than that it refused the command). */
    public static boolean isForwardFailure(CommandResponse answer) {
        return answer.result() == ResultCode.ERROR && answer.text() != null
                && answer.text().startsWith(FORWARD_FAILURE);
    }

    /** A short reason, like Kea's ("Connection refused"), not a Java exception name. */
    private static String rootMessage(Throwable e) {
        String deepest = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "Connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "Timeout";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
            }
        }
        return deepest != null ? deepest : "I/O error";
    }
}
