package dev.shardline.streams.tag.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.tag.TagService;
import dev.shardline.streams.tag.TaggedResource;
import dev.shardline.streams.web.TagConstraints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tags of a stream over REST: read them, or replace them all at once. */
@RestController
@RequestMapping("/v1/streams/{name}/tags")
@Tag(name = "Tags", description = "Tags of a stream, as AddTagsToStream and ListTagsForStream see them")
class TagsRestController {

    private final TagService tags;
    private final RestCaller caller;

    TagsRestController(TagService tags, RestCaller caller) {
        this.tags = tags;
        this.caller = caller;
    }

    @GetMapping
    @Operation(summary = "List a stream's tags", description = "All of them, in key order.")
    StreamTags get(@PathVariable String name) {
        return new StreamTags(tags.tags(TaggedResource.stream(validRef(name))));
    }

    @PutMapping
    @Operation(
            summary = "Replace a stream's tags",
            description = "The stream ends up with exactly these tags (at most 50); an empty map removes them all.")
    StreamTags put(@PathVariable String name, @RequestBody StreamTags request) {
        Validation v = Validation.of();
        if (v.required("tags", request.tags())) {
            TagConstraints.tags(v, "tags", request.tags(), 0);
        }
        v.throwIfInvalid();
        return new StreamTags(tags.replace(TaggedResource.stream(validRef(name)), request.tags()));
    }

    record StreamTags(
            @Schema(
                    description = "Tag keys (1-128 characters) and values (0-256 characters)",
                    example = "{\"team\": \"payments\"}")
            Map<String, String> tags) {}

    private StreamRef validRef(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
