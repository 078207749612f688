package io.dhcpsuite.lease.hosts;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One row of {@code hosts6} with its addresses and prefixes, the rows of {@code ipv6_reservations}
 * (see the Flyway migration {@code db/hosts} V2), which come and go with the host.
 */
@Entity
@Table(name = "hosts6")
class HostEntity6 extends HostRow {
    /** Kea's reservation types in ipv6_reservations. */
    static final short IA_NA = 0;
    static final short IA_PD = 2;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ipv6_reservations", joinColumns = @JoinColumn(name = "host_id"))
    List<Resource> resources = new ArrayList<>();

    protected HostEntity6() {
    }

    /** A reserved address (prefix length 128, type 0) or delegated prefix (type 2). */
    @Embeddable
    static class Resource {
        @Column(name = "subnet_id", nullable = false)
        long subnetId;
        @Column(name = "address", nullable = false, columnDefinition = "inet")
        @ColumnTransformer(read = "host(address)", write = "?::inet")
        String address;
        @Column(name = "prefix_len", nullable = false)
        short prefixLength;
        @Column(name = "type", nullable = false)
        short type;

        protected Resource() {
        }

        Resource(long subnetId, String address, int prefixLength, short type) {
            this.subnetId = subnetId;
            this.address = address;
            this.prefixLength = (short) prefixLength;
            this.type = type;
        }
    }
}
