/**
 * Kea's {@code Control-agent} section, parsed and checked like {@code kea-ctrl-agent -t} would:
 * where the gateway listens, HTTP basic authentication and TLS, so an operator's existing Control
 * Agent file works unchanged. The gateway runs on the result; {@link io.dhcpsuite.config.ConfigCheck}
 * checks files with the same parser.
 */
package io.dhcpsuite.config.agent;
