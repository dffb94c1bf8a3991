package dev.shardline.streams.stream.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.error.Validation;
import dev.shardline.streams.stream.ShardLevelMetric;
import dev.shardline.streams.stream.StreamEncryption;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.stream.web.StreamRestShapes.Encryption;
import dev.shardline.streams.stream.web.StreamRestShapes.Retention;
import dev.shardline.streams.stream.web.StreamRestShapes.Stream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stream's settings over REST: retention, server-side encryption and enhanced monitoring, on the same services as
 * the AWS endpoint's IncreaseStreamRetentionPeriod, StartStreamEncryption, EnableEnhancedMonitoring and their opposites.
 * Each answers with the stream.
 */
@RestController
@RequestMapping("/v1/streams/{name}")
@Tag(name = "Streams", description = "Kinesis data streams, their shards and records")
class StreamSettingsRestController {

    private static final String ALL_METRICS = "ALL";

    private final StreamSettingsService settings;
    private final StreamEncryption encryption;
    private final StreamService streams;
    private final RestCaller caller;

    StreamSettingsRestController(
            StreamSettingsService settings, StreamEncryption encryption, StreamService streams, RestCaller caller) {
        this.settings = settings;
        this.encryption = encryption;
        this.streams = streams;
        this.caller = caller;
    }

    @PutMapping("/retention")
    @Operation(
            summary = "Set the retention period",
            description = "IncreaseStreamRetentionPeriod or DecreaseStreamRetentionPeriod, whichever the hours call"
                    + " for.")
    Stream retention(@PathVariable String name, @RequestBody Retention request) {
        Validation v = Validation.of();
        v.required("retentionHours", request.retentionHours());
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        int hours = request.retentionHours();
        if (hours >= streams.describe(ref).retentionHours()) {
            return Stream.of(settings.increaseRetention(ref, hours));
        }
        return Stream.of(settings.decreaseRetention(ref, hours));
    }

    @PutMapping("/encryption")
    @Operation(
            summary = "Encrypt new records with a KMS key",
            description = "As StartStreamEncryption with EncryptionType KMS; the stream is UPDATING for a moment.")
    Stream startEncryption(@PathVariable String name, @RequestBody Encryption request) {
        Validation v = Validation.of();
        if (v.required("keyId", request.keyId())) {
            v.length("keyId", request.keyId(), 1, 2048);
        }
        v.throwIfInvalid();
        StreamRef ref = validRef(name);
        encryption.start(ref, request.keyId());
        return Stream.of(streams.describe(ref));
    }

    @DeleteMapping("/encryption")
    @Operation(summary = "Stop encrypting new records", description = "As StopStreamEncryption.")
    Stream stopEncryption(@PathVariable String name) {
        StreamRef ref = validRef(name);
        encryption.stop(ref);
        return Stream.of(streams.describe(ref));
    }

    @PutMapping("/shard-level-metrics/{metric}")
    @Operation(summary = "Enable a shard-level metric", description = "As EnableEnhancedMonitoring; ALL enables all.")
    Stream enableMetric(@PathVariable String name, @Parameter(example = "IncomingBytes") @PathVariable String metric) {
        Set<ShardLevelMetric> metrics = metrics(metric);
        StreamRef ref = validRef(name);
        settings.enableMetrics(ref, metrics);
        return Stream.of(streams.describe(ref));
    }

    @DeleteMapping("/shard-level-metrics/{metric}")
    @Operation(
            summary = "Disable a shard-level metric",
            description = "As DisableEnhancedMonitoring; ALL disables all.")
    Stream disableMetric(@PathVariable String name, @PathVariable String metric) {
        Set<ShardLevelMetric> metrics = metrics(metric);
        StreamRef ref = validRef(name);
        settings.disableMetrics(ref, metrics);
        return Stream.of(streams.describe(ref));
    }

    private static Set<ShardLevelMetric> metrics(String metric) {
        if (ALL_METRICS.equals(metric)) {
            return EnumSet.allOf(ShardLevelMetric.class);
        }
        List<String> names = new java.util.ArrayList<>(Arrays.stream(ShardLevelMetric.values())
                .map(ShardLevelMetric::awsName)
                .toList());
        names.add(ALL_METRICS);
        Validation.of().oneOf("shardLevelMetric", metric, names).throwIfInvalid();
        return EnumSet.of(ShardLevelMetric.fromAwsName(metric).orElseThrow());
    }

    private StreamRef validRef(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
