package io.dhcpsuite.config;

/**
 * Kea's {@code dhcp-ddns} map: how the DHCP side sends NameChangeRequests to D2 (ddns-service).
 * Only UDP and JSON exist, as in Kea (its TCP sender was never implemented).
 *
 * @param enableUpdates {@code enable-updates} (false): the master switch; {@code ddns-send-updates} refines it per scope
 * @param serverIp      {@code server-ip} (127.0.0.1): where D2 listens
 * @param serverPort    {@code server-port} (53001)
 * @param senderIp      {@code sender-ip} ("" = any address of the server's family)
 * @param senderPort    {@code sender-port} (0 = ephemeral)
 * @param maxQueueSize  {@code max-queue-size} (1024): NCRs waiting to be sent; beyond it they are dropped and counted
 * @param ncrProtocol   {@code ncr-protocol} (UDP)
 * @param ncrFormat     {@code ncr-format} (JSON)
 */
public record DhcpDdnsClient(boolean enableUpdates, String serverIp, int serverPort, String senderIp, int senderPort,
                             int maxQueueSize, String ncrProtocol, String ncrFormat) {

    public static final DhcpDdnsClient DEFAULTS = new DhcpDdnsClient(false, "127.0.0.1", 53001, "", 0, 1024, "UDP", "JSON");
}
