package dev.shardline.analytics.application;

import dev.shardline.platform.error.AwsErrorType;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps each version of an application: its row, its JAR in PostgreSQL and a copy in {@code application_version}
 * (what ListApplicationVersions, DescribeApplicationVersion and RollbackApplication read).
 */
@Component
class ApplicationVersions {

    private final ApplicationRepository applications;
    private final ApplicationVersionRepository versions;
    private final CodeBlobRepository blobs;
    private final ApplicationCode code;
    private final JobSpecs specs;

    // Five: the three tables of a version, the code's reading, the engine's check of it.
    ApplicationVersions(
            ApplicationRepository applications,
            ApplicationVersionRepository versions,
            CodeBlobRepository blobs,
            ApplicationCode code,
            JobSpecs specs) {
        this.applications = applications;
        this.versions = versions;
        this.blobs = blobs;
        this.code = code;
        this.specs = specs;
    }

    /** The code a call brings, read (from S3 too) and on the local disk; null for none. */
    ApplicationCode.Prepared prepare(CodeInput input) {
        return input == null ? null : code.prepare(input);
    }

    /**
     * The engine's check of a configuration that is about to become a version; a refused JAR's local file is removed
     * again.
     */
    void validate(UUID applicationId, ApplicationRef ref, ApplicationConfig config, ApplicationCode.Prepared code) {
        try {
            specs.validate(applicationId, ref, config);
        } catch (RuntimeException refused) {
            if (code != null && code.code().blobId() != null) {
                this.code.deleteJar(code.code().blobId());
            }
            throw refused;
        }
    }

    /** A new application with its first version. */
    void saveNew(Application app, ApplicationCode.Prepared prepared) {
        applications.saveAndFlush(app);
        saveChanged(app, prepared);
    }

    /** The application's current version, kept; its new JAR stored, if it brought one. */
    void saveChanged(Application app, ApplicationCode.Prepared prepared) {
        if (prepared != null && prepared.jar() != null) {
            blobs.save(new CodeBlob(
                    prepared.code().blobId(), app.id(), prepared.code().md5(), prepared.jar()));
        }
        versions.save(app.snapshotVersion());
    }

    ApplicationVersion find(Application app, long versionId) {
        return versions.find(app.id(), versionId)
                .orElseThrow(() -> AwsErrorType.RESOURCE_NOT_FOUND.exception(
                        "Version " + versionId + " of application " + app.name() + " is not found."));
    }

    /** The code of an update merged onto the current code: what the update leaves out stays as it was. */
    static CodeInput merge(ApplicationConfig.Code current, CodeInput update) {
        String type =
                update.contentType() != null ? update.contentType() : current == null ? null : current.contentType();
        if (type == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "CodeContentTypeUpdate is required: the application has no code yet.");
        }
        if (update.text() == null && update.zip() == null && update.s3() == null) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "CodeContentUpdate is required to change the code content type to " + type + ".");
        }
        ApplicationConfig.S3Location s3 = update.s3();
        if (s3 != null && current != null && current.s3() != null) {
            s3 = new ApplicationConfig.S3Location(
                    s3.bucketArn() != null ? s3.bucketArn() : current.s3().bucketArn(),
                    s3.fileKey() != null ? s3.fileKey() : current.s3().fileKey(),
                    s3.objectVersion() != null
                            ? s3.objectVersion()
                            : current.s3().objectVersion());
        }
        if (s3 != null && (s3.bucketArn() == null || s3.fileKey() == null)) {
            throw AwsErrorType.INVALID_ARGUMENT.exception(
                    "S3ContentLocationUpdate needs BucketARNUpdate and FileKeyUpdate: the application's code is not"
                            + " in S3 yet.");
        }
        return new CodeInput(type, update.text(), update.zip(), s3);
    }
}
