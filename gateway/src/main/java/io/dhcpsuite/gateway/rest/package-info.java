/**
 * The resource-style REST API for new users ({@code /api/v1}), documented by OpenAPI at
 * {@code /v3/api-docs}. It is a thin layer over the same Kea commands the command API forwards, so
 * both APIs follow the same rules; Kea result codes become HTTP statuses and RFC 9457 problem
 * details with a stable {@code type} per kind of error ({@link io.dhcpsuite.gateway.rest.Problems}).
 */
package io.dhcpsuite.gateway.rest;
