package dev.shardline.streams.stream;

import dev.shardline.kinesis.StreamCatalog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The streams service's answer to other services that read a stream's topic (Firehose with a Kinesis source, an
 * analytics application's {@code kinesis} connector) or write to it (that connector's sink: hash key ranges, key id). Read
 * from PostgreSQL, not the data plane's cache: a reader asks when it starts and when a partition it does not know yet
 * (a new shard) shows up, and must then see the shard map as it is.
 */
@Component
class KinesisStreamCatalog implements StreamCatalog {

    private static final Pattern ARN =
            Pattern.compile("arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]+)");

    private final StreamRepository streams;

    KinesisStreamCatalog(StreamRepository streams) {
        this.streams = streams;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CatalogStream> find(String streamArn) {
        Matcher m = streamArn == null ? null : ARN.matcher(streamArn);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return streams.findByRef(m.group(2), m.group(1), m.group(3))
                .map(StreamView::of)
                .map(view -> new CatalogStream(
                        view.ref().arn(),
                        view.topic(),
                        view.status().name(),
                        view.shards().stream()
                                .map(KinesisStreamCatalog::catalogShard)
                                .toList(),
                        view.encryptionType() == EncryptionType.KMS ? view.keyId() : null));
    }

    private static CatalogShard catalogShard(ShardView shard) {
        List<Integer> parents = Stream.of(shard.parentIndex(), shard.adjacentParentIndex())
                .filter(Objects::nonNull)
                .toList();
        // A closed shard's end counts only once fixed; before that, late writes by the old map may still land.
        Long end = shard.isOpen() ? null : shard.endingOffset();
        return new CatalogShard(
                shard.shardId(), shard.index(), shard.createdAt(), parents, end, shard.hashKeyRange(), shard.isOpen());
    }
}
