package dev.shardline.analytics.connector.firehose;

import dev.shardline.platform.error.AwsErrorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * Looks a sink's delivery stream up while its job is planned, so that a missing one is refused at the call that
 * brought the SQL. An endpoint that cannot be asked (not up yet, unreachable) is no refusal: the job then fails when
 * its first batch is refused.
 */
final class DeliveryStreamCheck {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStreamCheck.class);

    private DeliveryStreamCheck() {}

    static void requireExists(FirehoseSettings settings) {
        try (FirehoseClient client = settings.client()) {
            client.describeDeliveryStream(r -> r.deliveryStreamName(settings.deliveryStream()));
        } catch (ResourceNotFoundException e) {
            throw AwsErrorType.RESOURCE_NOT_FOUND.exception(e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            log.warn(
                    "Could not look delivery stream {} up at {} while planning: {}",
                    settings.deliveryStream(),
                    settings.endpoint(),
                    e.toString());
        }
    }
}
