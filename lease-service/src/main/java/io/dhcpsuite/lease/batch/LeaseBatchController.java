package io.dhcpsuite.lease.batch;

import io.dhcpsuite.api.lease.LeaseBatch4;
import io.dhcpsuite.api.lease.LeaseBatch4Result;
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

    LeaseBatchController(LeaseBatchService service) {
        this.service = service;
    }

    @PostMapping(LeaseBatch4.PATH)
    LeaseBatch4Result batch(@RequestBody LeaseBatch4 batch) {
        return service.process(batch).join();
    }
}
