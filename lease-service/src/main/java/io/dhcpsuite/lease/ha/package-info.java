/**
 * HA lease updates: the lease changes of DHCP traffic go to the HA partner as Kea's
 * {@code lease4-update}/{@code lease4-del}, and the batch's replies wait for the partner's
 * acknowledgements. ha-service turns sending on and off by state and reads the outcomes.
 */
package io.dhcpsuite.lease.ha;
