package dev.shardline.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shardline.video.media.TestMkv.Clip;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @Test
    void decodesTheFramesShownAtTheGivenTimes() throws Exception {
        Clip clip = TestMkv.h264(10, 10);
        byte[] mkv = TestMkv.concat(TestMkv.header(clip.codecPrivate()), TestMkv.cluster(1000, clip.frames(), 100));
        FragmentFrames frames = FragmentFrames.read(mkv);
        assertThat(frames.frames()).hasSize(10);
        assertThat(frames.frames().get(3).offsetMillis()).isEqualTo(300);

        List<BufferedImage> images = FrameDecoder.decode(frames, List.of(0L, 350L, 999L));

        assertThat(images).allSatisfy(i -> assertThat(i).isNotNull());
        assertThat(images.get(0).getWidth()).isEqualTo(TestMkv.WIDTH);
    }
}
