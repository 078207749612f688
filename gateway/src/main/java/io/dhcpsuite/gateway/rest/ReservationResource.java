package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.gateway.api.ServiceClient;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** DHCPv4 host reservations as resources ({@code dhcp4}'s host_cmds); see {@link HostReservationResource}. */
@RestController
@RequestMapping("/api/v1/reservations4")
@Tag(name = "reservations4", description = "DHCPv4 host reservations (Kea's host_cmds: reservation-get-page, "
        + "reservation-get, reservation-add, reservation-update, reservation-del)")
class ReservationResource extends HostReservationResource {
    ReservationResource(ServiceClient client) {
        super(client, "dhcp4", "/api/v1/reservations4", List.of("hw-address", "client-id", "circuit-id", "flex-id", "duid"));
    }
}
