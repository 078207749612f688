package io.dhcpsuite.lease.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One row of {@code hosts4} (see the Flyway migration {@code db/hosts}). */
@Entity
@Table(name = "hosts4")
class HostEntity extends HostRow {
    /** Unsigned 32-bit address, or null when the host reserves none. */
    @Column(name = "ipv4_address")
    Long ipv4Address;
    @Column(name = "next_server", nullable = false)
    long nextServer;
    @Column(name = "server_hostname", nullable = false)
    String serverHostname = "";
    @Column(name = "boot_file_name", nullable = false)
    String bootFileName = "";

    protected HostEntity() {
    }
}
