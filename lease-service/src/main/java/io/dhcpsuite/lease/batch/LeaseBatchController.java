package io.dhcpsuite.lease.batch;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
import io.dhcpsuite.api.lease.LeaseBatch6;
import io.dhcpsuite.api.lease.LeaseBatch6Result;
import io.dhcpsuite.lease.v6.Lease6BatchService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The batch endpoint. It blocks its Tomcat thread until the batch is durable: dhcp-service keeps
 * at most a handful of batches in flight, far below Tomcat's threads, and Spring MVC's async
 * path costs a second dispatch per request, which measured as most of this service's CPU when
 * batches are small.
 */
@RestController
class LeaseBatchController {
    private final LeaseBatchService service;
    private final Lease6BatchService service6;

    LeaseBatchController(LeaseBatchService service, Lease6BatchService service6) {
        this.service = service;
        this.service6 = service6;
    }

    @PostMapping(LeaseBatch4.PATH)
    LeaseBatch4Result batch(@RequestBody LeaseBatch4 batch) {
        return service.process(batch).join();
    }

    /** The DHCPv6 batch: the same blocking wait until its leases are durable. */
    @PostMapping(LeaseBatch6.PATH)
    LeaseBatch6Result batch6(@RequestBody LeaseBatch6 batch) {
        return service6.process(batch).join();
    }
}
