package io.dhcpsuite.gateway.rest;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import io.dhcpsuite.gateway.api.ServiceClient;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problem types of {@code /api/v1}: one stable URI per kind of error, so clients branch on
 * {@code type} rather than on text. A Kea answer maps by result code: 3 (empty) → 404,
 * 4 (conflict) → 409, 2 (unsupported) → 501, 1 → 400, or 502 when the owning service could not be
 * reached. The Kea result and text travel along as {@code kea-result} and {@code kea-text}.
 */
public final class Problems {
    public static final String BASE = "https://dhcp-suite.io/problems/";
    public static final String LEASE_NOT_FOUND = BASE + "lease-not-found";
    public static final String STATISTIC_NOT_FOUND = BASE + "statistic-not-found";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String RESERVATION_NOT_FOUND = BASE + "reservation-not-found";
    public static final String LEASE_CONFLICT = BASE + "lease-conflict";
    public static final String CONFLICT = BASE + "conflict";
    public static final String BAD_ARGUMENT = BASE + "bad-argument";
    public static final String INVALID_PARAMETER = BASE + "invalid-parameter";
    public static final String INVALID_CURSOR = BASE + "invalid-cursor";
    public static final String MALFORMED_REQUEST = BASE + "malformed-request";
    public static final String SERVICE_UNAVAILABLE = BASE + "service-unavailable";
    public static final String UNSUPPORTED = BASE + "unsupported";
    public static final String UNAUTHORIZED = BASE + "unauthorized";
    public static final String INTERNAL_ERROR = BASE + "internal-error";

    private Problems() {
    }

    public static ErrorResponseException of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException invalidParameter(String detail) {
        return of(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid parameter", detail);
    }

    /**
     * The problem for a Kea answer that is not a success; {@code notFoundType} and
     * {@code conflictType} name the resource kind of the endpoint.
     */
    public static ErrorResponseException fromKea(CommandResponse answer, String notFoundType, String conflictType) {
        ErrorResponseException e = switch (answer.result()) {
            case ResultCode.EMPTY -> of(HttpStatus.NOT_FOUND, notFoundType, "Not found", answer.text());
            case ResultCode.CONFLICT -> of(HttpStatus.CONFLICT, conflictType, "Conflict", answer.text());
            case ResultCode.UNSUPPORTED -> of(HttpStatus.NOT_IMPLEMENTED, UNSUPPORTED,
                    "Not supported by the service", answer.text());
            case ResultCode.ERROR -> ServiceClient.isForwardFailure(answer)
                    ? of(HttpStatus.BAD_GATEWAY, SERVICE_UNAVAILABLE, "Service unavailable", answer.text())
                    : of(HttpStatus.BAD_REQUEST, BAD_ARGUMENT, "Bad argument", answer.text());
            default -> of(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "Unexpected answer", answer.text());
        };
        e.getBody().setProperty("kea-result", answer.result());
        if (answer.text() != null) {
            e.getBody().setProperty("kea-text", answer.text());
        }
        return e;
    }
}
