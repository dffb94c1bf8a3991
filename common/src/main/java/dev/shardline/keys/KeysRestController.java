package dev.shardline.keys;

import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.AwsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local key service's keys over REST, for people and tests: create a customer managed key (with an alias), list
 * them, enable and disable one. Keys belong to the caller's account ({@link RestCaller}).
 */
@RestController
@RequestMapping("/v1/keys")
@Tag(name = "Keys", description = "The local key service's KMS keys, for encrypting streams and delivery streams")
class KeysRestController {

    private final LocalKeyService keys;
    private final RestCaller caller;

    KeysRestController(LocalKeyService keys, RestCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    record CreateKey(String description, String alias) {}

    @GetMapping
    @Operation(summary = "List the keys", description = "The account's customer managed keys and AWS managed keys.")
    List<KeyDescription> list() {
        return keys.list(scope());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a customer managed key", description = "As KMS CreateKey, with an optional alias.")
    KeyDescription create(@RequestBody(required = false) CreateKey request) {
        CreateKey create = request == null ? new CreateKey(null, null) : request;
        return keys.createKey(scope(), create.description(), create.alias());
    }

    @GetMapping("/{keyId}")
    @Operation(summary = "Describe a key", description = "By key id, key ARN, alias name or alias ARN.")
    KeyDescription get(@PathVariable String keyId) {
        return keys.describe(scope(), keyId);
    }

    @PostMapping("/{keyId}/enable")
    @Operation(summary = "Enable a key")
    KeyDescription enable(@PathVariable String keyId) {
        return keys.setEnabled(scope(), keyId, true);
    }

    @PostMapping("/{keyId}/disable")
    @Operation(summary = "Disable a key", description = "Streams encrypted with it can no longer be written.")
    KeyDescription disable(@PathVariable String keyId) {
        return keys.setEnabled(scope(), keyId, false);
    }

    @ExceptionHandler(AwsException.class)
    ProblemDetail awsError(AwsException e) {
        HttpStatus status = switch (e.errorType()) {
            case KMS_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RESOURCE_IN_USE -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.errorType().type());
        problem.setProperty("awsErrorType", e.errorType().type());
        return problem;
    }

    private KeyScope scope() {
        return new KeyScope(caller.accountId(), caller.region());
    }
}
