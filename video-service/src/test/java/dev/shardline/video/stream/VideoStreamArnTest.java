package dev.shardline.video.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsException;
import org.junit.jupiter.api.Test;

class VideoStreamArnTest {

    @Test
    void anArnNamesRegionAccountNameAndCreationTime() {
        VideoStreamArn arn =
                VideoStreamArn.parse("arn:aws:kinesisvideo:us-west-2:123456789012:stream/test2/1588143003893");

        assertThat(arn).isEqualTo(new VideoStreamArn("us-west-2", "123456789012", "test2", 1588143003893L));
        assertThat(arn.toString()).isEqualTo("arn:aws:kinesisvideo:us-west-2:123456789012:stream/test2/1588143003893");
    }

    @Test
    void anythingElseIsAnInvalidArgument() {
        assertThatThrownBy(() -> VideoStreamArn.parse("arn:aws:kinesis:us-west-2:123456789012:stream/test2"))
                .isInstanceOf(AwsException.class)
                .hasMessageContaining("Invalid ARN");
        assertThatThrownBy(() -> StreamSelector.of("1", "r", null, null)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> StreamSelector.of("1", "r", "other", "arn:aws:kinesisvideo:r:1:stream/one/1"))
                .isInstanceOf(AwsException.class);
    }
}
