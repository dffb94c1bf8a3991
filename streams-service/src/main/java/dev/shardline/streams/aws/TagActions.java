package dev.shardline.streams.aws;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.aws.TagShapes.*;
import dev.shardline.streams.consumer.ConsumerArn;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.tag.ResourcePolicyService;
import dev.shardline.streams.tag.TagConstraints;
import dev.shardline.streams.tag.TagService;
import dev.shardline.streams.tag.TaggedResource;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Tags and resource-based policies on the AWS wire, mapped onto {@link TagService} and {@link ResourcePolicyService}.
 * A ResourceARN names a stream or one of its enhanced fan-out consumers.
 */
@Component
class TagActions {

    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([^/]+)");
    private static final Pattern CONSUMER_ARN = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):([0-9]+)");
    private static final int DEFAULT_LIST_LIMIT = 50;

    private final TagService tags;
    private final ResourcePolicyService policies;

    TagActions(TagService tags, ResourcePolicyService policies) {
        this.tags = tags;
        this.policies = policies;
    }

    List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("AddTagsToStream", AddTagsToStreamRequest.class, this::addTagsToStream),
                AwsAction.of("RemoveTagsFromStream", RemoveTagsFromStreamRequest.class, this::removeTagsFromStream),
                AwsAction.of("ListTagsForStream", ListTagsForStreamRequest.class, this::listTagsForStream),
                AwsAction.of("TagResource", TagResourceRequest.class, this::tagResource),
                AwsAction.of("UntagResource", UntagResourceRequest.class, this::untagResource),
                AwsAction.of("ListTagsForResource", ListTagsForResourceRequest.class, this::listTagsForResource),
                AwsAction.of("PutResourcePolicy", PutResourcePolicyRequest.class, this::putResourcePolicy),
                AwsAction.of("GetResourcePolicy", GetResourcePolicyRequest.class, this::getResourcePolicy),
                AwsAction.of("DeleteResourcePolicy", DeleteResourcePolicyRequest.class, this::deleteResourcePolicy));
    }

    private Object addTagsToStream(AddTagsToStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        if (v.required("tags", request.tags())) {
            TagConstraints.tags(v, "tags", request.tags(), 1);
        }
        tags.add(stream(v, ctx, request.streamName(), request.streamARN()), request.tags());
        return null;
    }

    private Object removeTagsFromStream(RemoveTagsFromStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        TagConstraints.tagKeys(v, "tagKeys", request.tagKeys());
        tags.remove(stream(v, ctx, request.streamName(), request.streamARN()), request.tagKeys());
        return null;
    }

    private ListTagsForStreamResponse listTagsForStream(ListTagsForStreamRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, TagConstraints.MAX_KEY_LENGTH);
        v.range("limit", request.limit(), 1, 50);
        TaggedResource stream = stream(v, ctx, request.streamName(), request.streamARN());
        TagService.TagPage page = tags.page(
                stream, request.exclusiveStartTagKey(), request.limit() == null ? DEFAULT_LIST_LIMIT : request.limit());
        return new ListTagsForStreamResponse(list(page.tags()), page.hasMore());
    }

    private Object tagResource(TagResourceRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        resourceArn(v, request.resourceARN());
        if (v.required("tags", request.tags())) {
            TagConstraints.tags(v, "tags", request.tags(), 1);
        }
        v.throwIfInvalid();
        tags.add(resource(request.resourceARN()), request.tags());
        return null;
    }

    private Object untagResource(UntagResourceRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        resourceArn(v, request.resourceARN());
        TagConstraints.tagKeys(v, "tagKeys", request.tagKeys());
        v.throwIfInvalid();
        tags.remove(resource(request.resourceARN()), request.tagKeys());
        return null;
    }

    private ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        resourceArn(v, request.resourceARN());
        v.throwIfInvalid();
        return new ListTagsForResourceResponse(list(tags.tags(resource(request.resourceARN()))));
    }

    private Object putResourcePolicy(PutResourcePolicyRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        v.required("policy", request.policy());
        resourceArn(v, request.resourceARN());
        v.throwIfInvalid();
        policies.put(resource(request.resourceARN()), request.policy());
        return null;
    }

    private GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        resourceArn(v, request.resourceARN());
        v.throwIfInvalid();
        // AWS answers an empty document, not an error, for a resource without a policy.
        return new GetResourcePolicyResponse(
                policies.get(resource(request.resourceARN())).orElse("{}"));
    }

    private Object deleteResourcePolicy(DeleteResourcePolicyRequest request, AwsRequestContext ctx) {
        Validation v = Validation.of();
        resourceArn(v, request.resourceARN());
        v.throwIfInvalid();
        policies.delete(resource(request.resourceARN()));
        return null;
    }

    private static void resourceArn(Validation v, String arn) {
        if (v.required("resourceARN", arn)) {
            v.length("resourceARN", arn, 1, 2048).pattern("resourceARN", arn, RESOURCE_ARN);
        }
    }

    private static TaggedResource stream(Validation v, AwsRequestContext ctx, String name, String arn) {
        return TaggedResource.stream(StreamConstraints.stream(v, ctx, name, arn));
    }

    /** The stream or consumer a valid ResourceARN names. */
    private static TaggedResource resource(String arn) {
        Matcher consumer = CONSUMER_ARN.matcher(arn);
        if (consumer.matches()) {
            // Beyond ConsumerArn's limits (a name over 128 characters, say) the ARN can name no consumer.
            return ConsumerArn.parse(arn)
                    .map(TaggedResource::consumer)
                    .orElseThrow(() -> TaggedResource.ConsumerResource.notFound(arn, consumer.group(2)));
        }
        Matcher stream = STREAM_ARN.matcher(arn);
        if (!stream.matches()
                || stream.group(3).length() > 128
                || !StreamConstraints.STREAM_NAME.matcher(stream.group(3)).matches()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid ResourceARN " + arn + ".");
        }
        return TaggedResource.stream(new StreamRef(stream.group(2), stream.group(1), stream.group(3)));
    }

    private static List<Tag> list(SortedMap<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList();
    }
}
