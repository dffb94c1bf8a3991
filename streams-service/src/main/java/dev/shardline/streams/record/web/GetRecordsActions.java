package dev.shardline.streams.record.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.streams.record.IteratorType;
import dev.shardline.streams.record.RecordBatch;
import dev.shardline.streams.record.RecordReader;
import dev.shardline.streams.record.ShardIteratorService;
import dev.shardline.streams.record.web.RecordShapes.*;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** GetShardIterator and GetRecords on the AWS wire, mapped onto {@link ShardIteratorService} and {@link RecordReader}. */
@Component
class GetRecordsActions implements KinesisActions {

    private final RecordReader reader;
    private final ShardIteratorService iterators;

    GetRecordsActions(RecordReader reader, ShardIteratorService iterators) {
        this.reader = reader;
        this.iterators = iterators;
    }

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("GetShardIterator", GetShardIteratorRequest.class, this::getShardIterator),
                AwsAction.of("GetRecords", GetRecordsRequest.class, this::getRecords));
    }

    private GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request, AwsRequestContext ctx) {
        StreamRef ref = StreamConstraints.stream(ctx, request.streamName(), request.streamARN());
        String iterator = iterators.shardIterator(
                ref,
                request.shardId(),
                IteratorType.valueOf(request.shardIteratorType()),
                request.startingSequenceNumber(),
                request.timestamp());
        return new GetShardIteratorResponse(iterator);
    }

    private GetRecordsResponse getRecords(GetRecordsRequest request, AwsRequestContext ctx) {
        RecordBatch batch = reader.records(request.shardIterator(), request.limit() == null ? 10_000 : request.limit());
        return new GetRecordsResponse(
                batch.records().stream().map(RecordShapes::record).toList(),
                batch.nextShardIterator(),
                batch.millisBehindLatest(),
                batch.childShards() == null
                        ? null
                        : batch.childShards().stream()
                                .map(RecordShapes::childShard)
                                .toList());
    }
}
