package dev.shardline.platform.aws;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A {@code /v1} request that cannot be read — malformed JSON, a member of the wrong type, a query parameter missing or
 * of the wrong type — answered as a problem that says what is wrong and where, instead of Spring's bare "Bad Request".
 * Such a request is the caller's mistake: logged at debug, never as a warning with the offending value. Requests to the
 * AWS faces render their own errors; anything else is left to Spring.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RestRequestErrors {

    private static final Logger log = LoggerFactory.getLogger(RestRequestErrors.class);

    /** Enough to name the member and the trouble; a value quoted by the parser is already cut short by Jackson. */
    static final int MAX_DETAIL = 400;

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request)
            throws HttpMessageNotReadableException {
        requireRestApi(e, request);
        return problem("SerializationException", describe(e), request, e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException e, HttpServletRequest request)
            throws MethodArgumentTypeMismatchException {
        requireRestApi(e, request);
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        return problem(
                "ValidationException", "Parameter '" + e.getName() + "' must be of type " + expected + ".", request, e);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e, HttpServletRequest request)
            throws MissingServletRequestParameterException {
        requireRestApi(e, request);
        return problem(
                "ValidationException", "Query parameter '" + e.getParameterName() + "' is required.", request, e);
    }

    /** Rethrowing the exception itself tells Spring this advice does not handle it, so the next resolver does. */
    private static <E extends Exception> void requireRestApi(E e, HttpServletRequest request) throws E {
        if (!request.getRequestURI().startsWith("/v1/")) {
            throw e;
        }
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String member = mismatch.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return "Member '" + member + "' cannot be read: " + firstSentence(mismatch.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson) {
            TokenStreamLocation at = jackson.getLocation();
            String where = at == null || at.getLineNr() < 0
                    ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "The request body is not valid JSON" + where + ": " + firstSentence(jackson.getOriginalMessage());
        }
        return "The request body is missing or cannot be read.";
    }

    /** Jackson's message up to its source excerpt or first line break, without Java's class names. */
    private static String firstSentence(String message) {
        if (message == null || message.isBlank()) {
            return "unexpected content.";
        }
        String text = message.lines().findFirst().orElse(message).strip();
        int excerpt = text.indexOf(" (for ");
        if (excerpt > 0) {
            text = text.substring(0, excerpt);
        }
        text = text.replace("`java.lang.", "`").replace("`java.util.", "`");
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static ProblemDetail problem(String awsErrorType, String detail, HttpServletRequest request, Exception e) {
        log.debug("REST request refused on {}: {}", request.getRequestURI(), detail, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(awsErrorType);
        problem.setProperty("awsErrorType", awsErrorType);
        return problem;
    }
}
