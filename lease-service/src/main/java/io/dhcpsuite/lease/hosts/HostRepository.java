package io.dhcpsuite.lease.hosts;

import java.util.List;

/** The queries of the DHCPv4 reservation commands: those of {@link HostRepositoryBase} and by address. */
interface HostRepository extends HostRepositoryBase<HostEntity> {

    List<HostEntity> findBySubnetIdAndIpv4AddressOrderById(long subnetId, long ipv4Address);

    List<HostEntity> findByIpv4AddressOrderById(long ipv4Address);
}
