package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.gateway.api.ServiceClient;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DHCPv6 host reservations as resources ({@code dhcp6}'s host_cmds): hosts by duid, hw-address or
 * flex-id with ip-addresses and prefixes, subnet-id a subnet6; see {@link HostReservationResource}.
 */
@RestController
@RequestMapping("/api/v1/reservations6")
@Tag(name = "reservations6", description = "DHCPv6 host reservations (Kea's host_cmds sent to dhcp6: "
        + "reservation-get-page, reservation-get, reservation-add, reservation-update, reservation-del)")
class Reservation6Resource extends HostReservationResource {
    Reservation6Resource(ServiceClient client) {
        super(client, "dhcp6", "/api/v1/reservations6", List.of("duid", "hw-address", "flex-id"));
    }
}
