/**
 * Defences of every service's Tomcat listener that Kea's configuration has no key for: slow
 * senders ("slowloris") closed by {@link io.dhcpsuite.web.http.SlowRequestGuard}, imported through
 * {@link io.dhcpsuite.web.http.SlowRequestConfiguration}.
 */
package io.dhcpsuite.web.http;
