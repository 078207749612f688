/**
 * D2's control commands with Kea's names, texts and result codes; D2 commands not implemented
 * here (config-set, config-reload, config-write, config-test) stay unregistered and answer 2.
 */
package io.dhcpsuite.ddns.command;
