/**
 * The command endpoint every service serves at {@code /internal/v1/command}, in one place. It is
 * Spring MVC, so it lives here rather than in suite-api, which has no Spring in it.
 */
package io.dhcpsuite.web.command;
