package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.DeliveryStreamErrors;
import dev.shardline.firehose.delivery.DeliveryStreamRef;
import dev.shardline.platform.tag.TagPage;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream. Changes lock the stream's row, so concurrent
 * TagDeliveryStream calls cannot together pass the limit of 50 tags.
 */
@Service
public class DeliveryStreamTags {

    private final DeliveryStreamRepository streams;

    DeliveryStreamTags(DeliveryStreamRepository streams) {
        this.streams = streams;
    }

    @Transactional
    public void tag(DeliveryStreamRef ref, Map<String, String> tags) {
        locked(ref).tag(tags);
    }

    @Transactional
    public void untag(DeliveryStreamRef ref, Collection<String> keys) {
        locked(ref).untag(keys);
    }

    @Transactional(readOnly = true)
    public TagPage list(DeliveryStreamRef ref, String exclusiveStartKey, int limit) {
        DeliveryStream stream = streams.findByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
        return TagPage.of(stream.tags(), exclusiveStartKey, limit);
    }

    private DeliveryStream locked(DeliveryStreamRef ref) {
        return streams.lockByRef(ref.accountId(), ref.region(), ref.name())
                .orElseThrow(() -> DeliveryStreamErrors.notFound(ref));
    }
}
