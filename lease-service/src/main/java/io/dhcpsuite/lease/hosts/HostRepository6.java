package io.dhcpsuite.lease.hosts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The queries of the DHCPv6 reservation commands. */
interface HostRepository6 extends JpaRepository<HostEntity6, Long> {

    Optional<HostEntity6> findByIdentifierTypeAndIdentifierAndSubnetId(String identifierType, String identifier,
                                                                        long subnetId);

    List<HostEntity6> findByIdentifierTypeAndIdentifierOrderById(String identifierType, String identifier);

    /** The hosts reserving {@code address} (canonical text) in a subnet. */
    @Query(value = "select distinct h.* from hosts6 h join ipv6_reservations r on r.host_id = h.host_id"
            + " where r.subnet_id = :subnetId and r.type = 0 and r.address = cast(:address as inet) order by h.host_id",
            nativeQuery = true)
    List<HostEntity6> findBySubnetAndAddress(@Param("subnetId") long subnetId, @Param("address") String address);

    @Query(value = "select distinct h.* from hosts6 h join ipv6_reservations r on r.host_id = h.host_id"
            + " where r.type = 0 and r.address = cast(:address as inet) order by h.host_id", nativeQuery = true)
    List<HostEntity6> findByAddress(@Param("address") String address);

    List<HostEntity6> findBySubnetIdOrderById(long subnetId);

    @Query("select h from HostEntity6 h where lower(h.hostname) = lower(:hostname) order by h.id")
    List<HostEntity6> findByHostname(@Param("hostname") String hostname);

    @Query("select h from HostEntity6 h where lower(h.hostname) = lower(:hostname) and h.subnetId = :subnetId order by h.id")
    List<HostEntity6> findByHostnameInSubnet(@Param("hostname") String hostname, @Param("subnetId") long subnetId);

    List<HostEntity6> findBySubnetIdAndIdGreaterThanOrderById(long subnetId, long from, Pageable page);

    List<HostEntity6> findByIdGreaterThanOrderById(long from, Pageable page);
}
