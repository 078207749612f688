package io.dhcpsuite.lease.hosts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The queries of the reservation commands, one per way Kea's host_cmds look a host up. */
interface HostRepository extends JpaRepository<HostEntity, Long> {

    Optional<HostEntity> findByIdentifierTypeAndIdentifierAndSubnetId(String identifierType, String identifier,
                                                                       long subnetId);

    List<HostEntity> findByIdentifierTypeAndIdentifierOrderById(String identifierType, String identifier);

    List<HostEntity> findBySubnetIdAndIpv4AddressOrderById(long subnetId, long ipv4Address);

    List<HostEntity> findByIpv4AddressOrderById(long ipv4Address);

    List<HostEntity> findBySubnetIdOrderById(long subnetId);

    @Query("select h from HostEntity h where lower(h.hostname) = lower(:hostname) order by h.id")
    List<HostEntity> findByHostname(@Param("hostname") String hostname);

    @Query("select h from HostEntity h where lower(h.hostname) = lower(:hostname) and h.subnetId = :subnetId order by h.id")
    List<HostEntity> findByHostnameInSubnet(@Param("hostname") String hostname, @Param("subnetId") long subnetId);

    /** A page of one subnet after host id {@code from} (reservation-get-page). */
    List<HostEntity> findBySubnetIdAndIdGreaterThanOrderById(long subnetId, long from, Pageable page);

    /** A page of every subnet after host id {@code from}. */
    List<HostEntity> findByIdGreaterThanOrderById(long from, Pageable page);
}
