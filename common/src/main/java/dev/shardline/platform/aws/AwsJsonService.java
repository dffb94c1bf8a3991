package dev.shardline.platform.aws;

import java.util.List;

/**
 * A service spoken as AWS JSON 1.1 / CBOR 1.1 on {@code POST /}. Each service module contributes one bean; the
 * shared endpoint dispatches on the target prefix, so several services can share one port.
 */
public interface AwsJsonService {

    /** The {@code X-Amz-Target} prefix, for example {@code Kinesis_20131202}. */
    String targetPrefix();

    List<AwsAction<?, ?>> actions();
}
