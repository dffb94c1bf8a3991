package dev.shardline.streams.tag.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.tag.ResourcePolicyService;
import dev.shardline.streams.tag.web.TagShapes.*;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on the AWS wire, mapped onto
 * {@link ResourcePolicyService}. A ResourceARN names a stream or one of its enhanced fan-out consumers.
 */
@Component
class ResourcePolicyActions implements KinesisActions {

    private final ResourcePolicyService policies;

    ResourcePolicyActions(ResourcePolicyService policies) {
        this.policies = policies;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("PutResourcePolicy", PutResourcePolicyRequest.class, this::putResourcePolicy),
                AwsAction.of("GetResourcePolicy", GetResourcePolicyRequest.class, this::getResourcePolicy),
                AwsAction.of("DeleteResourcePolicy", DeleteResourcePolicyRequest.class, this::deleteResourcePolicy));
    }

    private Object putResourcePolicy(PutResourcePolicyRequest request, AwsRequestContext ctx) {
        policies.put(ResourceArns.resource(request.resourceARN()), request.policy());
        return null;
    }

    private GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request, AwsRequestContext ctx) {
        // AWS answers an empty document, not an error, for a resource without a policy.
        return new GetResourcePolicyResponse(
                policies.get(ResourceArns.resource(request.resourceARN())).orElse("{}"));
    }

    private Object deleteResourcePolicy(DeleteResourcePolicyRequest request, AwsRequestContext ctx) {
        policies.delete(ResourceArns.resource(request.resourceARN()));
        return null;
    }
}
