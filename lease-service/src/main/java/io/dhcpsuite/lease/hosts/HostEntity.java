package io.dhcpsuite.lease.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code hosts4} (see the Flyway migration {@code db/hosts}). */
@Entity
@Table(name = "hosts4")
class HostEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "host_id")
    Long id;
    @Column(name = "identifier_type", nullable = false)
    String identifierType;
    @Column(name = "identifier", nullable = false)
    String identifier;
    @Column(name = "subnet_id", nullable = false)
    long subnetId;
    /** Unsigned 32-bit address, or null when the host reserves none. */
    @Column(name = "ipv4_address")
    Long ipv4Address;
    @Column(name = "hostname")
    String hostname;
    /** Class names separated by commas. */
    @Column(name = "client_classes", nullable = false)
    String clientClasses = "";
    @Column(name = "next_server", nullable = false)
    long nextServer;
    @Column(name = "server_hostname", nullable = false)
    String serverHostname = "";
    @Column(name = "boot_file_name", nullable = false)
    String bootFileName = "";
    /** Kea's option-data list, JSON. */
    @Column(name = "option_data", nullable = false)
    String optionData = "[]";

    protected HostEntity() {
    }
}
