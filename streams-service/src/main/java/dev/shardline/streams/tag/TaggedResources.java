package dev.shardline.streams.tag;

import dev.shardline.streams.consumer.ConsumerService;
import dev.shardline.streams.consumer.ConsumerView;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamView;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Finds the stream or consumer a {@link TaggedResource} names. */
@Component
class TaggedResources {

    private final StreamService streams;
    private final ConsumerService consumers;

    TaggedResources(StreamService streams, ConsumerService consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    /** The id of the stream or consumer; a resource that does not exist is AWS's ResourceNotFoundException. */
    UUID id(TaggedResource resource) {
        if (resource instanceof TaggedResource.StreamResource stream) {
            return streams.find(stream.ref()).map(StreamView::id).orElseThrow(resource::notFound);
        }
        TaggedResource.ConsumerResource consumer = (TaggedResource.ConsumerResource) resource;
        // Any state counts, DELETING included: the consumer's tags and policy go only when its row goes.
        return consumers.find(consumer.arn()).map(ConsumerView::id).orElseThrow(resource::notFound);
    }
}
