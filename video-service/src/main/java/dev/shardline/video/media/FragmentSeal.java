package dev.shardline.video.media;

import dev.shardline.keys.DataKey;
import dev.shardline.keys.DataKeys;
import dev.shardline.keys.KeyScope;
import dev.shardline.platform.error.AwsException;
import dev.shardline.platform.seal.AesGcm;
import dev.shardline.video.stream.StreamView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Fragments sealed at rest under their stream's KMS key (envelope encryption through the key service, as Kinesis
 * records are sealed): {@code "SLKV" 1 || wrapped data key length (2 bytes) || wrapped data key || AES-GCM(data key,
 * fragment)}, authenticated together with the object key, so a fragment moved to another key does not open. Data keys
 * are reused per stream for the key service's reuse period, so a fragment costs no KMS call.
 */
@Component
public class FragmentSeal {

    private static final byte[] MAGIC = {'S', 'L', 'K', 'V', 1};

    private final DataKeys keys;

    FragmentSeal(DataKeys keys) {
        this.keys = keys;
    }

    /** The fragment as it is stored; the key service's refusals come as {@link FragmentRejected} with AWS's ErrorId. */
    byte[] seal(StreamView stream, String objectKey, byte[] mkv) {
        DataKey key;
        try {
            key = keys.forEncryption(
                    "video:" + stream.id(),
                    new KeyScope(stream.arn().accountId(), stream.arn().region()),
                    stream.kmsKeyId(),
                    1);
        } catch (AwsException e) {
            throw new FragmentRejected(kmsError(e), e.getMessage());
        }
        byte[] header = ByteBuffer.allocate(MAGIC.length + 2 + key.wrappedKey().length)
                .put(MAGIC)
                .putShort((short) key.wrappedKey().length)
                .put(key.wrappedKey())
                .array();
        return AesGcm.seal(key.plaintextKey(), header, aad(objectKey), mkv);
    }

    /** The fragment that {@link #seal} stored under {@code objectKey}. */
    public byte[] open(String objectKey, byte[] stored) {
        if (stored.length < MAGIC.length + 2 || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(objectKey + " is no sealed fragment");
        }
        int wrappedLength = ByteBuffer.wrap(stored, MAGIC.length, 2).getShort() & 0xFFFF;
        int prefix = MAGIC.length + 2 + wrappedLength;
        byte[] wrapped = Arrays.copyOfRange(stored, MAGIC.length + 2, prefix);
        return AesGcm.open(keys.plaintextOf(wrapped), stored, prefix, aad(objectKey));
    }

    private static byte[] aad(String objectKey) {
        return objectKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The ErrorId AWS gives a KMS refusal of the stream's key. */
    static AckError kmsError(AwsException e) {
        return switch (e.errorType()) {
            case KMS_ACCESS_DENIED -> AckError.KMS_KEY_ACCESS_DENIED;
            case KMS_DISABLED -> AckError.KMS_KEY_DISABLED;
            case KMS_INVALID_STATE -> AckError.KMS_KEY_INVALID_STATE;
            case KMS_NOT_FOUND -> AckError.KMS_KEY_NOT_FOUND;
            case KMS_THROTTLING, KMS_OPT_IN_REQUIRED -> AckError.KMS_KEY_UNAVAILABLE;
            default -> AckError.KMS_KEY_VALIDATION_ERROR;
        };
    }
}
