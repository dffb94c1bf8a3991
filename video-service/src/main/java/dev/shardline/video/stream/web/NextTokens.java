package dev.shardline.video.stream.web;

import dev.shardline.platform.error.AwsErrorType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** ListStreams' and ListTags*' NextToken: the last name or key of the page, base64 (the model allows only that). */
final class NextTokens {

    private NextTokens() {}

    static String of(String last) {
        return Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    static String after(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsErrorType.INVALID_ARGUMENT.exception("Invalid NextToken " + token);
        }
    }
}
