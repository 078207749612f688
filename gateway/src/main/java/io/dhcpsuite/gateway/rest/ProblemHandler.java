package io.dhcpsuite.gateway.rest;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of {@code /api/v1} as an RFC 9457 problem: Spring MVC's own exceptions (unreadable
 * body, wrong parameter type, missing parameter) get a stable {@code type} too, never
 * {@code about:blank}.
 */
@RestControllerAdvice(basePackageClasses = ProblemHandler.class)
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** A bug, not a client error: logged here, answered without the stack trace. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("REST request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; see the gateway log");
        problem.setType(URI.create(Problems.INTERNAL_ERROR));
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(switch (status.value()) {
                case 400 -> ex instanceof org.springframework.http.converter.HttpMessageNotReadableException
                        ? Problems.MALFORMED_REQUEST : Problems.INVALID_PARAMETER;
                case 404 -> Problems.NOT_FOUND;
                case 501 -> Problems.UNSUPPORTED;
                default -> status.is4xxClientError() ? Problems.BASE + "client-error" : Problems.INTERNAL_ERROR;
            }));
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }
}
