package dev.shardline.streams.console.web;

import dev.shardline.kinesis.StreamName;
import dev.shardline.platform.aws.RestCaller;
import dev.shardline.platform.console.ConsoleOutcome;
import dev.shardline.platform.console.ConsolePage;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamEncryption;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.stream.StreamResharding;
import dev.shardline.streams.stream.StreamService;
import dev.shardline.streams.stream.StreamSettingsService;
import dev.shardline.streams.stream.StreamView;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigInteger;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forms that change a stream: split, merge, scale (UpdateShardCount), mode, retention and encryption. Each calls
 * the application service the AWS action calls, and answers with what it did or the AWS error it met.
 */
@Controller
class StreamFormsController implements ConsolePage {

    private final StreamResharding resharding;
    private final StreamSettingsService settings;
    private final StreamEncryption encryption;
    private final StreamService streams;
    private final RestCaller caller;

    StreamFormsController(
            StreamResharding resharding,
            StreamSettingsService settings,
            StreamEncryption encryption,
            StreamService streams,
            RestCaller caller) {
        this.resharding = resharding;
        this.settings = settings;
        this.encryption = encryption;
        this.streams = streams;
        this.caller = caller;
    }

    /** SplitShard; without a starting hash key, the middle of the shard's range, as the AWS console proposes. */
    @PostMapping("/console/streams/{name}/split")
    String split(
            @PathVariable String name,
            @RequestParam String shardId,
            @RequestParam(required = false) String newStartingHashKey,
            Model model,
            HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    StreamRef ref = ref(name);
                    BigInteger at;
                    if (newStartingHashKey == null || newStartingHashKey.isBlank()) {
                        at = middleOf(ref, shardId);
                    } else if (StreamConstraints.HASH_KEY
                            .matcher(newStartingHashKey.strip())
                            .matches()) {
                        at = new BigInteger(newStartingHashKey.strip());
                    } else {
                        throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value '"
                                + newStartingHashKey + "' at 'newStartingHashKey' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
                    }
                    resharding.split(ref, shardId, at);
                    return "Splitting " + shardId + " at hash key " + at + ".";
                }),
                model,
                response);
    }

    @PostMapping("/console/streams/{name}/merge")
    String merge(
            @PathVariable String name,
            @RequestParam String shardId,
            @RequestParam String adjacentShardId,
            Model model,
            HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    resharding.merge(ref(name), shardId, adjacentShardId);
                    return "Merging " + shardId + " with " + adjacentShardId + ".";
                }),
                model,
                response);
    }

    @PostMapping("/console/streams/{name}/scale")
    String scale(
            @PathVariable String name,
            @RequestParam String targetShardCount,
            Model model,
            HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    int target = Forms.integer("TargetShardCount", targetShardCount);
                    int current = resharding.updateShardCount(ref(name), target);
                    return "Scaling from " + current + " to " + target + " open shards.";
                }),
                model,
                response);
    }

    @PostMapping("/console/streams/{name}/mode")
    String mode(@PathVariable String name, @RequestParam String mode, Model model, HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    resharding.changeMode(ref(name), Forms.mode(mode));
                    return "Changing the capacity mode to " + mode + ".";
                }),
                model,
                response);
    }

    /** Increase- or DecreaseStreamRetentionPeriod, whichever the new period asks for. */
    @PostMapping("/console/streams/{name}/retention")
    String retention(@PathVariable String name, @RequestParam String hours, Model model, HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    StreamRef ref = ref(name);
                    int wanted = Forms.integer("RetentionPeriodHours", hours);
                    StreamView stream = streams.describe(ref);
                    if (wanted >= stream.retentionHours()) {
                        settings.increaseRetention(ref, wanted);
                    } else {
                        settings.decreaseRetention(ref, wanted);
                    }
                    return "Retention period set to " + wanted + " hours.";
                }),
                model,
                response);
    }

    @PostMapping("/console/streams/{name}/encryption")
    String encryption(
            @PathVariable String name,
            @RequestParam String action,
            @RequestParam(required = false) String keyId,
            Model model,
            HttpServletResponse response) {
        return Forms.outcome(
                ConsoleOutcome.attempt(() -> {
                    StreamRef ref = ref(name);
                    if ("stop".equals(action)) {
                        encryption.stop(ref);
                        return "Records put from now on are stored unencrypted.";
                    }
                    if (keyId == null || keyId.isBlank()) {
                        throw AwsErrorType.VALIDATION.exception("1 validation error detected: Value null at 'keyId'"
                                + " failed to satisfy constraint: Member must not be null");
                    }
                    encryption.start(ref, keyId.strip());
                    return "Records put from now on are encrypted with " + keyId.strip() + ".";
                }),
                model,
                response);
    }

    private BigInteger middleOf(StreamRef ref, String shardId) {
        return streams.describe(ref).shards().stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .map(s -> s.hashKeyRange()
                        .start()
                        .add(s.hashKeyRange().end())
                        .add(BigInteger.ONE)
                        .shiftRight(1))
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception("Could not find shard " + shardId
                        + " in stream " + ref.name() + " under account " + ref.accountId() + "."));
    }

    private StreamRef ref(String name) {
        return new StreamRef(caller.accountId(), caller.region(), new StreamName(name).value());
    }
}
