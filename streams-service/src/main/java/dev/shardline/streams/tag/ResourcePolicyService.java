package dev.shardline.streams.tag;

import dev.shardline.common.error.AwsErrorType;
import dev.shardline.streams.stream.StreamErrors;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resource-based policies of streams. Shardline stores them and gives them back; it does not evaluate them (requests
 * are not authorised yet).
 */
@Service
public class ResourcePolicyService {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyService.class);
    /** AWS's quota for the resource-based policy of a stream. */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final StreamService streams;
    private final ResourcePolicyRepository policies;

    ResourcePolicyService(StreamService streams, ResourcePolicyRepository policies) {
        this.streams = streams;
        this.policies = policies;
    }

    @Transactional
    public void put(StreamRef ref, String policy) {
        check(policy);
        UUID id = streams.describe(ref).id();
        try {
            policies.upsert(id, policy);
        } catch (DataIntegrityViolationException deletedMeanwhile) {
            throw StreamErrors.notFound(ref);
        }
        log.debug("Resource policy of stream {} set", ref.name());
    }

    /** The stream's policy, if it has one. */
    @Transactional(readOnly = true)
    public Optional<String> get(StreamRef ref) {
        return policies.findById(streams.describe(ref).id()).map(ResourcePolicy::policy);
    }

    /** Removes the stream's policy; a stream without one is left as it is. */
    @Transactional
    public void delete(StreamRef ref) {
        policies.deleteById(streams.describe(ref).id());
        log.debug("Resource policy of stream {} deleted", ref.name());
    }

    private static void check(String policy) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Policy size exceeds the maximum allowed size of " + MAX_POLICY_BYTES + " bytes.");
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JacksonException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Policy is not valid JSON.");
        }
        if (document == null || document.isMissingNode()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Policy is not valid JSON.");
        }
        if (!document.isObject()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Policy must be a JSON object.");
        }
    }
}
