package io.dhcpsuite.ddns.ncr;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.api.ddns.NcrCodec;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/ncr} with one NCR's JSON (no length prefix). Answers 202 with result 0
 * once queued (the DNS update happens later, as over UDP), 400 with result 1 and the field's error
 * for an invalid NCR, 503 with result 4 when the queue is full: a sender may retry later.
 */
@RestController
class NcrController {
    private final NcrReceiver receiver;

    NcrController(NcrReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping(NcrCodec.REST_PATH)
    ResponseEntity<CommandResponse> ncr(@RequestBody String body, HttpServletRequest request) {
        NcrReceiver.Received r = receiver.json(body, "http " + request.getRemoteAddr());
        return switch (r.verdict()) {
            case QUEUED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(CommandResponse.success("NCR queued"));
            case INVALID -> ResponseEntity.badRequest().body(CommandResponse.error(r.error()));
            case QUEUE_FULL -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new CommandResponse(ResultCode.CONFLICT, "NCR queue full", null));
        };
    }
}
