package dev.shardline.analytics.application;

/**
 * Application code as a call brings it: ApplicationCodeConfiguration, or the members of an
 * ApplicationCodeConfigurationUpdate merged onto the current code.
 *
 * @param contentType PLAINTEXT or ZIPFILE
 * @param text TextContent
 * @param zip ZipFileContent
 * @param s3 S3ContentLocation
 */
public record CodeInput(String contentType, String text, byte[] zip, ApplicationConfig.S3Location s3) {}
