package dev.shardline.firehose.ingest;

import dev.shardline.platform.error.AwsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a record that cannot be read (it goes to the error output) from a reader that cannot read for now: the key
 * service or the stream catalogue's database is down or throttles, a KMS key is disabled (AWS retries a Kinesis source
 * whose key it cannot use, too). Such a record is read again after the retry backoff instead of being given up.
 */
final class ReadFailures {

    private ReadFailures() {}

    /** Whether {@code failure}, or one of its causes, may pass: reading the record again later can succeed. */
    static boolean mayPass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsException aws && aws.errorType().name().startsWith("KMS_")) {
                return true;
            }
            if (t instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500;
            }
            if (t instanceof SdkClientException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof RetriableException
                    || t instanceof IOException
                    || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
