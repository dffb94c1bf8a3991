package dev.shardline.analytics.application;

import dev.shardline.analytics.AnalyticsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client of {@code shardline.analytics.s3.*}, as Firehose configures its own. */
@Configuration(proxyBeanMethods = false)
class CodeS3Configuration {

    @Bean(destroyMethod = "close")
    CodeS3 analyticsCodeS3(AnalyticsProperties properties) {
        AnalyticsProperties.S3 s3 = properties.s3();
        var builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(s3.pathStyleAccess())
                // S3-compatible stores (S3Proxy, older MinIO) refuse the SDK's default flexible checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        if (s3.accessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return new CodeS3(builder.build());
    }
}
