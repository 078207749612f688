/**
 * Kea's HA state model as pure units driven by an injected {@link java.time.Clock}: what this
 * server knows of its partner ({@link io.dhcpsuite.ha.state.CommunicationState}: heartbeats,
 * interrupted communication, unacked clients, clock skew, rejected lease updates) and the state
 * machine that decides, from that, which state to be in, which scopes to serve and whether DHCP
 * runs ({@link io.dhcpsuite.ha.state.HaStateMachine}). No I/O here: the runtime performs the
 * actions a step asks for (a sync, a backlog flush) and reports their outcome.
 */
package io.dhcpsuite.ha.state;
