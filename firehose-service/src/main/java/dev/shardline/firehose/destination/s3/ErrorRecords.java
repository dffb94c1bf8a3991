package dev.shardline.firehose.destination.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shardline.firehose.pipeline.ProcessedBatch;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The error output's body: one JSON document a line per failed record, in AWS's processing-failed format. */
final class ErrorRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorRecords() {}

    /**
     * @param lambdaArn the transformation function's ARN, for processing failures of a Lambda processor; else null
     * @param attemptEnded when this delivery attempt ends
     */
    static byte[] jsonLines(List<ProcessedBatch.Failed> failed, String lambdaArn, Instant attemptEnded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ProcessedBatch.Failed record : failed) {
            out.writeBytes(JSON.writeValueAsBytes(new ErrorRecord(
                    1,
                    record.source().arrival().toEpochMilli(),
                    record.errorCode(),
                    record.errorMessage(),
                    attemptEnded.toEpochMilli(),
                    Base64.getEncoder().encodeToString(record.source().data()),
                    lambdaArn)));
            out.write('\n');
        }
        return out.toByteArray();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "attemptsMade",
        "arrivalTimestamp",
        "errorCode",
        "errorMessage",
        "attemptEndingTimestamp",
        "rawData",
        "lambdaArn"
    })
    record ErrorRecord(
            int attemptsMade,
            long arrivalTimestamp,
            String errorCode,
            String errorMessage,
            long attemptEndingTimestamp,
            String rawData,
            String lambdaArn) {}
}
