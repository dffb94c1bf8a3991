package dev.shardline.analytics.application;

import dev.shardline.platform.error.AwsErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the code a call brings into stored code: SQL text as it is; a JAR (ZipFileContent, or an S3 object read now,
 * as AWS reads it at Create/Update time) kept with its MD5 and written to a local file that the engine loads.
 */
@Component
class ApplicationCode {

    /** AWS's limit of a code package (CodeSize), for S3 objects too. */
    static final long MAX_JAR = 52_428_800;

    private static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";

    private final S3Client s3;
    private final AnalyticsDirectories directories;

    ApplicationCode(CodeS3 s3, AnalyticsDirectories directories) {
        this.s3 = s3.client();
        this.directories = directories;
    }

    /** Code ready to be stored: its description and, for a JAR, the bytes (already on the local disk). */
    record Prepared(ApplicationConfig.Code code, byte[] jar) {}

    Prepared prepare(CodeInput input) {
        if (ApplicationConfig.Code.PLAINTEXT.equals(input.contentType())) {
            if (input.zip() != null || input.s3() != null) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "CodeContentType PLAINTEXT takes TextContent only, not ZipFileContent or S3ContentLocation.");
            }
            if (input.text() == null || input.text().isBlank()) {
                throw AwsErrorType.INVALID_ARGUMENT.exception(
                        "TextContent is required when CodeContentType is PLAINTEXT.");
            }
            return new Prepared(
                    new ApplicationConfig.Code(
                            ApplicationConfig.Code.PLAINTEXT,
                            input.text(),
                            null,
                            null,
                            input.text().length(),
                            null),
                    null);
        }
        if (input.text() != null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "CodeContentType ZIPFILE takes ZipFileContent or S3ContentLocation, not TextContent.");
        }
        if ((input.zip() == null) == (input.s3() == null)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "CodeContentType ZIPFILE needs exactly one of ZipFileContent and S3ContentLocation.");
        }
        byte[] jar = input.zip() != null ? input.zip() : read(input.s3());
        if (jar.length == 0) {
            throw AwsErrorType.CODE_VALIDATION.exception("The application code is empty.");
        }
        UUID blobId = UUID.randomUUID();
        write(directories.jarFile(blobId), jar);
        return new Prepared(
                new ApplicationConfig.Code(
                        ApplicationConfig.Code.ZIPFILE, null, blobId, md5(jar), jar.length, input.s3()),
                jar);
    }

    /** The JAR's local file, written again from PostgreSQL's copy when this machine does not have it. */
    Path jarFile(UUID blobId, Supplier<byte[]> stored) {
        Path file = directories.jarFile(blobId);
        if (!Files.exists(file)) {
            write(file, stored.get());
        }
        return file;
    }

    void deleteJar(UUID blobId) {
        try {
            Files.deleteIfExists(directories.jarFile(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] read(ApplicationConfig.S3Location location) {
        if (!location.bucketArn().startsWith(BUCKET_ARN_PREFIX)
                || location.bucketArn().length() == BUCKET_ARN_PREFIX.length()) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "BucketARN " + location.bucketArn() + " is not an S3 bucket ARN (arn:aws:s3:::bucket).");
        }
        String bucket = location.bucketArn().substring(BUCKET_ARN_PREFIX.length());
        String where = "s3://" + bucket + "/" + location.fileKey();
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> {
                r.bucket(bucket).key(location.fileKey());
                if (location.objectVersion() != null
                        && !location.objectVersion().isEmpty()) {
                    r.versionId(location.objectVersion());
                }
            });
            if (object.response().contentLength() != null && object.response().contentLength() > MAX_JAR) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("The code at " + where + " is larger than " + MAX_JAR
                        + " bytes, the largest application code accepted.");
            }
            return object.asByteArray();
        } catch (NoSuchBucketException | NoSuchKeyException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Application code " + where + " does not exist: "
                    + e.awsErrorDetails().errorMessage());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw AwsErrorType.INVALID_ARGUMENT.exception("Application code " + where + " does not exist.");
            }
            throw AwsErrorType.INVALID_ARGUMENT.exception("Application code " + where + " could not be read: "
                    + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "Application code " + where + " could not be read: " + e.getMessage());
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path partial =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
