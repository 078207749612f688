/** Time sources the services inject, so that timers are tested by moving time, not by sleeping. */
package io.dhcpsuite.api.time;
