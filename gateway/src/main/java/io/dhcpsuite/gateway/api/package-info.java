/**
 * The operators' door: Kea's Control Agent command endpoint ({@code POST /}), the commands the
 * gateway answers itself, and forwarding to the suite services.
 */
package io.dhcpsuite.gateway.api;
