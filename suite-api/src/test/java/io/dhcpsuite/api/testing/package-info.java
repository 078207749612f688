/** Test helpers shared with the services' tests through suite-api's test jar. */
package io.dhcpsuite.api.testing;
