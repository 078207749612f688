package io.dhcpsuite.ddns.transaction;

/** The states of Kea's transactions that send an UPDATE; each builds one request. */
public enum Step {
    /** Add: RFC 4703 5.3.1 "name not in use" (conflict modes), or the unconditional add (no-check modes). */
    ADD_FWD,
    /** Add: RFC 4703 5.3.2, after YXDOMAIN: replace the address if the name is ours (conflict modes only). */
    REPLACE_FWD,
    /** Add: RFC 4703 5.4, the PTR (and DHCID) at the reverse name, no prerequisites. */
    REPLACE_REV,
    /** Remove: RFC 4703 5.5 paragraph 4, delete this lease's address RR (conflict modes only). */
    REMOVE_FWD_ADDR,
    /** Remove: 5.5 paragraph 5, delete the rest once no address is left; the whole removal in no-check modes. */
    REMOVE_FWD_RRS,
    /** Remove: the reverse name. */
    REMOVE_REV
}
