package dev.shardline.streams.tag;

import dev.shardline.platform.error.AwsErrorType;
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
 * Resource-based policies of streams and consumers. Shardline stores them and gives them back; it does not evaluate
 * them (requests are not authorised yet).
 */
@Service
public class ResourcePolicyService {

    private static final Logger log = LoggerFactory.getLogger(ResourcePolicyService.class);
    /** AWS's quota for the resource-based policy of a stream or consumer. */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final TaggedResources resources;
    private final ResourcePolicyRepository streamPolicies;
    private final ConsumerPolicyRepository consumerPolicies;

    ResourcePolicyService(
            TaggedResources resources,
            ResourcePolicyRepository streamPolicies,
            ConsumerPolicyRepository consumerPolicies) {
        this.resources = resources;
        this.streamPolicies = streamPolicies;
        this.consumerPolicies = consumerPolicies;
    }

    @Transactional
    public void put(TaggedResource resource, String policy) {
        check(policy);
        UUID id = resources.id(resource);
        try {
            policies(resource).upsert(id, policy);
        } catch (DataIntegrityViolationException deletedMeanwhile) {
            throw resource.notFound();
        }
        log.debug("Resource policy of {} set", resource.described());
    }

    /** The resource's policy, if it has one. */
    @Transactional(readOnly = true)
    public Optional<String> get(TaggedResource resource) {
        return policies(resource).policyOf(resources.id(resource));
    }

    /** Removes the resource's policy; a resource without one is left as it is. */
    @Transactional
    public void delete(TaggedResource resource) {
        policies(resource).remove(resources.id(resource));
        log.debug("Resource policy of {} deleted", resource.described());
    }

    private PolicyRepository policies(TaggedResource resource) {
        return resource instanceof TaggedResource.StreamResource ? streamPolicies : consumerPolicies;
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
