package dev.shardline.platform.aws;

/** Who is calling and where: taken from the request's SigV4 credential scope and headers. */
public record AwsRequestContext(String requestId, String accountId, String region) {}
