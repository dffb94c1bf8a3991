package dev.shardline.streams;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The streams service as its tests run it: the library's beans under a plain Boot application. */
@SpringBootApplication(scanBasePackages = "dev.shardline.streams.testonly")
@Import(StreamsServiceConfiguration.class)
public class TestStreamsApplication {}
