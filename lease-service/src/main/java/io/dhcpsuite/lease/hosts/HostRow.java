package io.dhcpsuite.lease.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns {@code hosts4} and {@code hosts6} share (see the Flyway migrations {@code db/hosts}):
 * a host's id, identifier, scope, hostname, classes and option-data.
 */
@MappedSuperclass
abstract class HostRow {
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
    @Column(name = "hostname")
    String hostname;
    /** Class names separated by commas. */
    @Column(name = "client_classes", nullable = false)
    String clientClasses = "";
    /** Kea's option-data list, JSON. */
    @Column(name = "option_data", nullable = false)
    String optionData = "[]";

    protected HostRow() {
    }
}
