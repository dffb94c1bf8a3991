package dev.shardline.firehose.deliverystream;

import dev.shardline.firehose.delivery.Destination;
import dev.shardline.firehose.delivery.Processing;
import dev.shardline.firehose.destination.http.HttpEndpointDestination;
import dev.shardline.firehose.destination.warehouse.WarehouseDestination;
import dev.shardline.firehose.outbound.OutboundHosts;
import dev.shardline.firehose.processing.ProcessorTypes;
import dev.shardline.platform.error.AwsErrorType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * CreateDeliveryStream and UpdateDestination refuse a destination whose HTTP endpoint, Lambda function URL or
 * warehouse host Firehose would not call ({@link OutboundHosts}), before anything is stored.
 */
@Component
class ConfiguredHosts {

    private static final Pattern JDBC_HOST = Pattern.compile("jdbc:[a-z]+://([^:/]+).*");

    private final OutboundHosts outbound;

    ConfiguredHosts(OutboundHosts outbound) {
        this.outbound = outbound;
    }

    void check(Destination destination) {
        if (destination instanceof HttpEndpointDestination http) {
            outbound.checkConfigured("Url", http.url(), host(http.url()));
        }
        if (destination instanceof WarehouseDestination warehouse) {
            Matcher host = JDBC_HOST.matcher(warehouse.clusterJdbcUrl());
            if (host.matches()) {
                outbound.checkConfigured("ClusterJDBCURL", warehouse.clusterJdbcUrl(), host.group(1));
            }
        }
        for (Processing.Processor processor : destination.processing().processors()) {
            String arn = processor.parameter("LambdaArn");
            if (ProcessorTypes.LAMBDA.equals(processor.type())
                    && arn != null
                    && (arn.startsWith("http://") || arn.startsWith("https://"))) {
                outbound.checkConfigured("LambdaArn", arn, host(arn));
            }
        }
    }

    private static String host(String url) {
        try {
            String host = new URI(url).getHost();
            if (host != null) {
                return host;
            }
        } catch (URISyntaxException e) {
            // refused below, as a URL without a host
        }
        throw AwsErrorType.INVALID_ARGUMENT.exception(url + " is not a URL with a host.");
    }
}
