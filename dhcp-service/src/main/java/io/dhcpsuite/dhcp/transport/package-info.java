/**
 * UDP sockets per {@code interfaces-config}, one receive thread each. {@code "iface/addr"} binds
 * that address; a bare interface name or {@code "*"} binds 0.0.0.0 with SO_BROADCAST. Java's
 * DatagramChannel does not report the receiving interface or the destination address of a
 * datagram (no IP_PKTINFO), and cannot bind to a device (no SO_BINDTODEVICE), so on a 0.0.0.0
 * socket the server assumes the single configured interface name (unknown for "*" or several
 * names) for subnet selection and server identifier. Replies are sent from whichever thread
 * completes them; DatagramChannel.send is thread-safe.
 */
package io.dhcpsuite.dhcp.transport;
