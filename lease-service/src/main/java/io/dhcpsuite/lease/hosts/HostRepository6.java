package io.dhcpsuite.lease.hosts;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The queries of the DHCPv6 reservation commands: those of {@link HostRepositoryBase} and by address. */
interface HostRepository6 extends HostRepositoryBase<HostEntity6> {

    /** The hosts reserving {@code address} (canonical text) in a subnet. */
    @Query(value = "select distinct h.* from hosts6 h join ipv6_reservations r on r.host_id = h.host_id"
            + " where r.subnet_id = :subnetId and r.type = 0 and r.address = cast(:address as inet) order by h.host_id",
            nativeQuery = true)
    List<HostEntity6> findBySubnetAndAddress(@Param("subnetId") long subnetId, @Param("address") String address);

    @Query(value = "select distinct h.* from hosts6 h join ipv6_reservations r on r.host_id = h.host_id"
            + " where r.type = 0 and r.address = cast(:address as inet) order by h.host_id", nativeQuery = true)
    List<HostEntity6> findByAddress(@Param("address") String address);
}
