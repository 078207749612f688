/** Routing of Kea commands to the suite service that owns them, and merging of split answers. */
package io.dhcpsuite.gateway.routing;
