/**
 * The packet path: decode, then an ordered chain of small handlers (validate, early
 * classification, subnet selection, reservation lookup, late classification, client name, lease,
 * lease outcome, reply options, reply routing), each answering CONTINUE, DROP, DONE or SUSPEND.
 * SUSPEND is how the lease step waits for lease-service without holding a thread: the chain
 * resumes on the lease client's thread when the result arrives. Every packet is processed inside
 * a catch-all, so no packet can stop the service.
 */
package io.dhcpsuite.dhcp.processing;
