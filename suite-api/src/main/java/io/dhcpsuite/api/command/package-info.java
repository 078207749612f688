/**
 * Kea's control command API as the services speak it to each other and to the gateway: the
 * request envelope, the answer with Kea's result codes, and a dispatcher that maps command names
 * to handlers and answers unknown commands with result 2 as Kea does.
 */
package io.dhcpsuite.api.command;
