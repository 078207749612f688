package io.dhcpsuite.lease.hosts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.Param;

/**
 * The queries of the reservation commands that are the same for {@code hosts4} and {@code hosts6}:
 * by identifier, subnet, hostname and the pages of reservation-get-page. {@code #{#entityName}} is
 * the entity of the repository that extends this one.
 */
@NoRepositoryBean
interface HostRepositoryBase<E extends HostRow> extends JpaRepository<E, Long> {

    Optional<E> findByIdentifierTypeAndIdentifierAndSubnetId(String identifierType, String identifier, long subnetId);

    List<E> findByIdentifierTypeAndIdentifierOrderById(String identifierType, String identifier);

    List<E> findBySubnetIdOrderById(long subnetId);

    @Query("select h from #{#entityName} h where lower(h.hostname) = lower(:hostname) order by h.id")
    List<E> findByHostname(@Param("hostname") String hostname);

    @Query("select h from #{#entityName} h where lower(h.hostname) = lower(:hostname) and h.subnetId = :subnetId"
            + " order by h.id")
    List<E> findByHostnameInSubnet(@Param("hostname") String hostname, @Param("subnetId") long subnetId);

    /** A page of one subnet after host id {@code from} (reservation-get-page). */
    List<E> findBySubnetIdAndIdGreaterThanOrderById(long subnetId, long from, Pageable page);

    /** A page of every subnet after host id {@code from}. */
    List<E> findByIdGreaterThanOrderById(long from, Pageable page);
}
