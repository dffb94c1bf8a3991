package dev.shardline.streams.stream.web;

import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.streams.stream.StreamConstraints;
import dev.shardline.streams.stream.StreamEncryption;
import dev.shardline.streams.stream.StreamRef;
import dev.shardline.streams.web.KinesisActions;
import java.util.List;
import org.springframework.stereotype.Component;

/** Server-side encryption on the AWS wire: StartStreamEncryption and StopStreamEncryption, on {@link StreamEncryption}. */
@Component
class StreamEncryptionActions implements KinesisActions {

    private final StreamEncryption encryption;

    StreamEncryptionActions(StreamEncryption encryption) {
        this.encryption = encryption;
    }

    record StartStreamEncryptionRequest(String streamName, String streamARN, String encryptionType, String keyId) {}

    record StopStreamEncryptionRequest(String streamName, String streamARN, String encryptionType, String keyId) {}

    @Override
    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("StartStreamEncryption", StartStreamEncryptionRequest.class, this::startStreamEncryption),
                AwsAction.of("StopStreamEncryption", StopStreamEncryptionRequest.class, this::stopStreamEncryption));
    }

    private Object startStreamEncryption(StartStreamEncryptionRequest request, AwsRequestContext ctx) {
        StreamRef ref =
                kmsRequest(ctx, request.streamName(), request.streamARN(), request.encryptionType(), request.keyId());
        encryption.start(ref, request.keyId());
        return null;
    }

    /** AWS requires the key id here too, but only to validate it: the stream stops encrypting whatever its key. */
    private Object stopStreamEncryption(StopStreamEncryptionRequest request, AwsRequestContext ctx) {
        StreamRef ref =
                kmsRequest(ctx, request.streamName(), request.streamARN(), request.encryptionType(), request.keyId());
        encryption.stop(ref);
        return null;
    }

    /** Both actions take an {@code EncryptionType}, which the model lets be NONE and the actions only KMS. */
    private static StreamRef kmsRequest(
            AwsRequestContext ctx, String streamName, String streamArn, String encryptionType, String keyId) {
        StreamRef ref = StreamConstraints.stream(ctx, streamName, streamArn);
        if (!"KMS".equals(encryptionType)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("KMS is the only valid EncryptionType for this request.");
        }
        return ref;
    }
}
