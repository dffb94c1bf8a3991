package dev.shardline.firehose.deliverystream.web;

import dev.shardline.firehose.delivery.Encryption;
import dev.shardline.firehose.deliverystream.DeliveryStreamEncryption;
import dev.shardline.firehose.deliverystream.web.DeliveryStreamShapes.DeliveryStreamEncryptionConfigurationInput;
import dev.shardline.platform.aws.AwsAction;
import dev.shardline.platform.aws.AwsRequestContext;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: server-side encryption of the buffered records. */
@Component
public class DeliveryStreamEncryptionActions {

    static final String INPUT = "deliveryStreamEncryptionConfigurationInput";
    private static final Pattern KEY_ARN =
            Pattern.compile("arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:key/[a-zA-Z_0-9+=,.@\\-_/]+");

    private final DeliveryStreamEncryption encryption;

    DeliveryStreamEncryptionActions(DeliveryStreamEncryption encryption) {
        this.encryption = encryption;
    }

    record StartDeliveryStreamEncryptionRequest(
            String deliveryStreamName,
            DeliveryStreamEncryptionConfigurationInput deliveryStreamEncryptionConfigurationInput) {}

    record StopDeliveryStreamEncryptionRequest(String deliveryStreamName) {}

    public List<AwsAction<?, ?>> actions() {
        return List.of(
                AwsAction.of("StartDeliveryStreamEncryption", StartDeliveryStreamEncryptionRequest.class, this::start),
                AwsAction.of("StopDeliveryStreamEncryption", StopDeliveryStreamEncryptionRequest.class, this::stop));
    }

    private Object start(StartDeliveryStreamEncryptionRequest request, AwsRequestContext ctx) {
        var ref = DeliveryStreamActions.validRef(ctx, request.deliveryStreamName());
        Encryption wanted = input(request.deliveryStreamEncryptionConfigurationInput());
        if (wanted == null) {
            wanted = Encryption.enabling(Encryption.AWS_OWNED_CMK, null); // AWS's default key type
        }
        encryption.start(ref, wanted.keyType(), wanted.keyArn());
        return null;
    }

    private Object stop(StopDeliveryStreamEncryptionRequest request, AwsRequestContext ctx) {
        encryption.stop(DeliveryStreamActions.validRef(ctx, request.deliveryStreamName()));
        return null;
    }

    /** DeliveryStreamEncryptionConfigurationInput, whose members the API model has checked; null when absent. */
    static Encryption input(DeliveryStreamEncryptionConfigurationInput input) {
        if (input == null) {
            return null;
        }
        // Narrower than the model's pattern, which also lets an alias ARN through: a key is named by its key ARN.
        Validation.of().pattern(INPUT + ".keyARN", input.keyARN(), KEY_ARN).throwIfInvalid();
        boolean customerManaged = Encryption.CUSTOMER_MANAGED_CMK.equals(input.keyType());
        if (customerManaged && input.keyARN() == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        if (!customerManaged && input.keyARN() != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "KeyARN must not be specified when KeyType is AWS_OWNED_CMK; Firehose uses a key it owns.");
        }
        return Encryption.enabling(input.keyType(), input.keyARN());
    }

    /** DescribeDeliveryStream's DeliveryStreamEncryptionConfiguration. */
    static Map<String, Object> describe(Encryption encryption) {
        Map<String, Object> description = new LinkedHashMap<>();
        if (encryption.keyArn() != null) {
            description.put("KeyARN", encryption.keyArn());
        }
        if (encryption.keyType() != null) {
            description.put("KeyType", encryption.keyType());
        }
        description.put("Status", encryption.status().name());
        return description;
    }
}
