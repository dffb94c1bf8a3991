package dev.shardline.analytics.preview.web;

import dev.shardline.analytics.preview.PreviewLine;
import dev.shardline.analytics.preview.PreviewOutput;
import dev.shardline.analytics.preview.SqlPreviews;
import dev.shardline.platform.error.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interactive queries for people and the web console's SQL editor: the first rows of a SELECT, streamed as NDJSON
 * while the query's job makes them.
 */
@RestController
@Tag(name = "SQL preview", description = "Interactive Flink SQL queries over streams")
class SqlPreviewController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    // What the response may take beyond the preview's own time limit: planning and the last lines.
    private static final long GRACE_MILLIS = 30_000;

    private final SqlPreviews previews;
    private final JsonMapper json;

    SqlPreviewController(SqlPreviews previews, JsonMapper json) {
        this.previews = previews;
        this.json = json;
    }

    @Schema(description = "A Flink SQL query to preview")
    record PreviewRequest(
            @Schema(
                    description =
                            "Optional SET and CREATE TABLE statements, then one SELECT, separated by" + " semicolons",
                    example = "CREATE TABLE clicks (k STRING) WITH ('connector' = 'kinesis', 'stream.arn' ="
                            + " 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks', 'aws.region' ="
                            + " 'us-east-1', 'source.init.position' = 'TRIM_HORIZON', 'format' = 'json');"
                            + " SELECT k FROM clicks")
            String sql,

            @Schema(description = "Rows to show at most (1 to 10,000)", defaultValue = "100")
            Integer rowLimit,

            @Schema(description = "Seconds to run at most (1 to 60)", defaultValue = "10")
            Integer timeLimitSeconds) {}

    @PostMapping(path = "/v1/sql/preview", produces = "application/x-ndjson")
    @Operation(
            summary = "Preview a SELECT",
            description = "Runs the query as a Flink job on the embedded engine and streams its first rows back as"
                    + " newline-delimited JSON while the job makes them: first {\"job\": \"...\", \"columns\": [...]}, then one"
                    + " {\"kind\": \"+I\", \"row\": {...}} per row, last {\"end\": {\"rows\", \"reason\", \"error\","
                    + " \"millis\"}}. The job is cancelled at the row or time limit, when the data ends, when it"
                    + " fails and when the client goes away. SQL that does not parse or plan: 400 with Flink's"
                    + " message.")
    ResponseEntity<ResponseBodyEmitter> preview(@RequestBody PreviewRequest request) {
        Validation v = Validation.of();
        v.required("sql", request.sql());
        v.throwIfInvalid();
        SqlPreviews.Limits limits = previews.limits(request.rowLimit(), request.timeLimitSeconds());
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(limits.time().toMillis() + GRACE_MILLIS);
        SqlPreviews.Preview preview = previews.start(request.sql(), limits, new PreviewOutput() {
            @Override
            public void send(PreviewLine line) throws IOException {
                try {
                    emitter.send((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8), NDJSON);
                } catch (IllegalStateException completed) {
                    throw new IOException("The response is complete: " + completed.getMessage(), completed);
                }
            }

            @Override
            public void complete() {
                try {
                    emitter.complete();
                } catch (IllegalStateException gone) {
                    // the client went away first and Tomcat has already ended the response: nothing left to end
                }
            }
        });
        emitter.onTimeout(preview::stop);
        emitter.onError(e -> preview.stop());
        emitter.onCompletion(preview::stop);
        return ResponseEntity.ok().contentType(NDJSON).body(emitter);
    }
}
