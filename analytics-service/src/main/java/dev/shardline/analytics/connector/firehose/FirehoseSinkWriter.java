package dev.shardline.analytics.connector.firehose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * Sends the batches Flink's {@link AsyncSinkWriter} forms (at most 500 records and 4 MiB) with PutRecordBatch, on
 * threads of its own (the SDK's synchronous client over HTTP/1.1). The records a batch answer reports failed
 * ({@code FailedPutCount}, an {@code ErrorCode} per record) go back to the front of the buffer and are sent again; a
 * call that fails as a whole is retried whole (the SDK has already retried it with back-off), except a delivery stream
 * that does not exist or refuses the records, which fails the job.
 */
final class FirehoseSinkWriter<T> extends AsyncSinkWriter<T, Record> {

    private static final Logger log = LoggerFactory.getLogger(FirehoseSinkWriter.class);

    private final FirehoseSettings settings;
    private final boolean failOnError;
    private final FirehoseClient client;
    private final ExecutorService calls;
    private final Counter sendErrors;

    FirehoseSinkWriter(
            ElementConverter<T, Record> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<Record>> state,
            FirehoseSettings settings,
            boolean failOnError) {
        super(converter, context, configuration, state);
        this.settings = settings;
        this.failOnError = failOnError;
        this.client = settings.client();
        int threads = Math.max(1, Math.min(4, configuration.getMaxInFlightRequests()));
        this.calls = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "firehose-sink-" + settings.deliveryStream());
            thread.setDaemon(true);
            return thread;
        });
        this.sendErrors = context.metricGroup().getNumRecordsSendErrorsCounter();
    }

    @Override
    protected void submitRequestEntries(List<Record> records, ResultHandler<Record> result) {
        calls.execute(() -> send(records, result));
    }

    private void send(List<Record> records, ResultHandler<Record> result) {
        PutRecordBatchResponse response;
        try {
            response = client.putRecordBatch(
                    r -> r.deliveryStreamName(settings.deliveryStream()).records(records));
        } catch (ResourceNotFoundException | InvalidArgumentException e) {
            result.completeExceptionally(new IllegalStateException(
                    "Delivery stream " + settings.deliveryStream() + " at " + settings.endpoint()
                            + " refused the records: " + e.awsErrorDetails().errorMessage(),
                    e));
            return;
        } catch (SdkException e) {
            sendErrors.inc(records.size());
            if (failOnError) {
                result.completeExceptionally(e);
                return;
            }
            log.warn(
                    "PutRecordBatch of {} records to delivery stream {} failed; sending them again",
                    records.size(),
                    settings.deliveryStream(),
                    e);
            result.retryForEntries(records);
            return;
        }
        Integer failedCount = response.failedPutCount();
        if (failedCount == null || failedCount == 0) {
            result.complete();
            return;
        }
        List<Record> failed = new ArrayList<>(failedCount);
        List<PutRecordBatchResponseEntry> answers = response.requestResponses();
        String firstError = null;
        for (int i = 0; i < records.size(); i++) {
            // An answer without an entry for a record tells nothing about it: send it again rather than lose it.
            PutRecordBatchResponseEntry answer = i < answers.size() ? answers.get(i) : null;
            if (answer == null || answer.errorCode() != null) {
                failed.add(records.get(i));
                if (firstError == null && answer != null) {
                    firstError = answer.errorCode() + ": " + answer.errorMessage();
                }
            }
        }
        sendErrors.inc(failed.size());
        if (failOnError) {
            result.completeExceptionally(new IllegalStateException(failed.size() + " records to delivery stream "
                    + settings.deliveryStream() + " failed (sink.fail-on-error): " + firstError));
            return;
        }
        log.debug(
                "{} of {} records to delivery stream {} failed ({}); sending them again",
                failed.size(),
                records.size(),
                settings.deliveryStream(),
                firstError);
        result.retryForEntries(failed);
    }

    @Override
    protected long getSizeInBytes(Record record) {
        return record.data().asByteArrayUnsafe().length;
    }

    @Override
    public void close() {
        super.close();
        calls.shutdown();
        try {
            calls.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
