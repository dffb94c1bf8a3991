package dev.shardline.platform.aws;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what a client can make the edge hold: request bodies are read without a worker thread before the request
 * is dispatched (so a client that sends its body slowly holds a connection, not one of Tomcat's threads), up to a cap
 * per API, out of one memory budget. Header and idle timeouts are Tomcat's ({@code server.tomcat.connection-timeout}).
 *
 * @param maxRestRequestSize the largest request body accepted on the REST API ({@code /v1}); larger ones get HTTP 413
 *     as problem details, refused by their declared length before any of it is read
 * @param maxBufferedRequestBytes how many body bytes all requests being read may hold together; a request whose body
 *     would go beyond it gets a fast 503 (AWS's ServiceUnavailable, which the SDKs retry) instead of waiting
 * @param bodyTimeout the longest a buffered body may take to arrive altogether (the idle time between its bytes is
 *     bounded by {@code server.tomcat.connection-timeout}); a body still incomplete then gets HTTP 408
 */
@Validated
@ConfigurationProperties("shardline.edge")
public record EdgeProperties(
        // A 10 MiB record (the largest UpdateMaxRecordSize allows) is about 13.4 MiB once base64-encoded in JSON,
        // so the REST API's largest request is as large as the AWS API's.
        @DefaultValue("16MB") DataSize maxRestRequestSize,
        @DefaultValue("256MB") DataSize maxBufferedRequestBytes,
        @DefaultValue("2m") Duration bodyTimeout) {}
