package dev.shardline.video;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The video service as its tests run it: the library's beans under a plain Boot application. */
@SpringBootApplication(scanBasePackages = "dev.shardline.video.testonly")
@Import(VideoServiceConfiguration.class)
public class TestVideoApplication {}
