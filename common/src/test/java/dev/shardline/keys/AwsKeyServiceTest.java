package dev.shardline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import dev.shardline.keys.KeyDescription.KeyState;
import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The mapping between the key service and the AWS SDK's KMS client, against a mocked client: which requests it sends
 * and how KMS's answers and errors come back. It says nothing about AWS itself; that is not reachable from here.
 */
class AwsKeyServiceTest {

    private static final KeyScope SCOPE = new KeyScope("123456789012", "us-east-1");
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final KmsClient kms = mock(KmsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final AwsKeyService keys = new AwsKeyService(kms);

    @Test
    void generateDataKeyAsksKmsForAnAes256KeyUnderTheKeyIdAsGiven() {
        doReturn(GenerateDataKeyResponse.builder()
                        .plaintext(SdkBytes.fromByteArray(new byte[32]))
                        .ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))
                        .keyId(KEY_ARN)
                        .build())
                .when(kms)
                .generateDataKey(any(GenerateDataKeyRequest.class));

        DataKey dataKey = keys.generateDataKey(SCOPE, "alias/orders");

        ArgumentCaptor<GenerateDataKeyRequest> request = ArgumentCaptor.forClass(GenerateDataKeyRequest.class);
        verify(kms).generateDataKey(request.capture());
        assertThat(request.getValue().keyId()).isEqualTo("alias/orders");
        assertThat(request.getValue().keySpecAsString()).isEqualTo("AES_256");
        assertThat(dataKey.plaintextKey()).hasSize(32);
        assertThat(dataKey.wrappedKey()).containsExactly(1, 2, 3);
        assertThat(dataKey.keyArn()).isEqualTo(KEY_ARN);
    }

    @Test
    void decryptSendsTheWrappedKeyAsTheCiphertextBlob() {
        doReturn(DecryptResponse.builder()
                        .plaintext(SdkBytes.fromByteArray(new byte[] {7}))
                        .build())
                .when(kms)
                .decrypt(any(DecryptRequest.class));

        assertThat(keys.decrypt(new byte[] {1, 2, 3})).containsExactly(7);

        ArgumentCaptor<DecryptRequest> request = ArgumentCaptor.forClass(DecryptRequest.class);
        verify(kms).decrypt(request.capture());
        assertThat(request.getValue().ciphertextBlob().asByteArray()).containsExactly(1, 2, 3);
    }

    @ParameterizedTest
    @CsvSource({
        "Enabled, ENABLED",
        "Disabled, DISABLED",
        "PendingDeletion, PENDING_DELETION",
        "Unavailable, UNAVAILABLE"
    })
    void describeKeepsTheKeyStateThatDecidesItsUse(String kmsState, KeyState state) {
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        doReturn(DescribeKeyResponse.builder()
                        .keyMetadata(m -> m.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                                .arn(KEY_ARN)
                                .keyState(kmsState)
                                .keyManager(KeyManagerType.CUSTOMER)
                                .description("orders")
                                .creationDate(created))
                        .build())
                .when(kms)
                .describeKey(any(DescribeKeyRequest.class));

        KeyDescription key = keys.describe(SCOPE, KEY_ARN);

        assertThat(key.state()).isEqualTo(state);
        assertThat(key.arn()).isEqualTo(KEY_ARN);
        assertThat(key.awsManaged()).isFalse();
        assertThat(key.createdAt()).isEqualTo(created);
    }

    @Test
    void kmsErrorsBecomeTheKmsErrorTypesOfKinesisWithKmsMessages() {
        assertTranslated(
                NotFoundException.builder().awsErrorDetails(details("NotFoundException", "Key 'x' does not exist")),
                AwsErrorType.KMS_NOT_FOUND,
                "Key 'x' does not exist");
        assertTranslated(
                DisabledException.builder().awsErrorDetails(details("DisabledException", "x is disabled.")),
                AwsErrorType.KMS_DISABLED,
                "x is disabled.");
        assertTranslated(
                KmsInvalidStateException.builder()
                        .awsErrorDetails(details("KMSInvalidStateException", "x is pending deletion.")),
                AwsErrorType.KMS_INVALID_STATE,
                "x is pending deletion.");
        assertTranslated(
                KmsException.builder().statusCode(400).awsErrorDetails(details("AccessDeniedException", "no")),
                AwsErrorType.KMS_ACCESS_DENIED,
                "no");
        assertTranslated(
                KmsException.builder().statusCode(400).awsErrorDetails(details("ThrottlingException", "slow down")),
                AwsErrorType.KMS_THROTTLING,
                "slow down");
        assertTranslated(
                KmsException.builder().statusCode(400).awsErrorDetails(details("OptInRequired", "opt in")),
                AwsErrorType.KMS_OPT_IN_REQUIRED,
                "opt in");
    }

    @Test
    void kmsFaultsThatAreNotTheCallersStayInternal() {
        KmsInternalException internal = KmsInternalException.builder()
                .statusCode(500)
                .awsErrorDetails(details("KMSInternalException", "oops"))
                .build();
        doThrow(internal).when(kms).decrypt(any(DecryptRequest.class));

        assertThatThrownBy(() -> keys.decrypt(new byte[] {1})).isSameAs(internal);
    }

    private void assertTranslated(KmsException.Builder error, AwsErrorType type, String message) {
        doThrow(error.build()).when(kms).describeKey(any(DescribeKeyRequest.class));

        assertThatThrownBy(() -> keys.describe(SCOPE, "alias/orders")).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorType()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }
}
