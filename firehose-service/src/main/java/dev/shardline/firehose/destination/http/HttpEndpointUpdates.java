package dev.shardline.firehose.destination.http;

import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationConfiguration;
import dev.shardline.firehose.destination.http.web.HttpEndpointShapes.HttpEndpointDestinationUpdate;
import dev.shardline.firehose.destination.web.ConfigurationTrees;
import dev.shardline.platform.error.AwsErrorType;
import tools.jackson.databind.node.ObjectNode;

/**
 * HttpEndpointDestinationUpdate over an HTTP endpoint destination: the members given replace the current ones (an
 * object member by member, so an EndpointConfiguration without AccessKey keeps the key), S3Update merges over the
 * backup bucket, and the result is validated as CreateDeliveryStream validates it.
 */
public final class HttpEndpointUpdates {

    static final String MEMBER = "httpEndpointDestinationUpdate";

    private HttpEndpointUpdates() {}

    public static HttpEndpointDestination apply(HttpEndpointDestination current, HttpEndpointDestinationUpdate update) {
        ObjectNode merged = ConfigurationTrees.tree(HttpEndpointConfigurations.describe(current));
        ((ObjectNode) merged.get("endpointConfiguration")).put("accessKey", current.accessKey());
        ConfigurationTrees.rename(merged, "s3DestinationDescription", "s3Configuration");
        ObjectNode changes = ConfigurationTrees.tree(update);
        ConfigurationTrees.rename(changes, "s3Update", "s3Configuration");
        ConfigurationTrees.overlay(merged, changes);
        HttpEndpointDestinationConfiguration configuration =
                ConfigurationTrees.value(merged, HttpEndpointDestinationConfiguration.class);

        HttpEndpointDestination updated = HttpEndpointConfigurations.destination(MEMBER, configuration);
        if (current.backsUpAllData() && !updated.backsUpAllData()) {
            // AWS refuses to narrow a backup of all data to failed data only (as for Splunk's AllEvents).
            throw AwsErrorType.INVALID_ARGUMENT.exception("Disabling S3 backup is not currently supported.");
        }
        return updated;
    }
}
