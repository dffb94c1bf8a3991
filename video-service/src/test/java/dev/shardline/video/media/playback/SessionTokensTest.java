package dev.shardline.video.media.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shardline.platform.error.AwsErrorType;
import dev.shardline.platform.error.AwsException;
import dev.shardline.video.VideoProperties;
import dev.shardline.video.media.FragmentIndex.TimestampKind;
import dev.shardline.video.media.playback.PlaybackSession.DiscontinuityMode;
import dev.shardline.video.media.playback.PlaybackSession.PlaybackMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SessionTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aTokenOpensToItsSessionUntilItExpiresThenIsNotAuthorized() {
        PlaybackSession session = session(NOW.plusSeconds(300));
        String token = tokens(NOW).seal(session);

        assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain(session.streamName());
        assertThat(tokens(NOW.plusSeconds(299)).open(token)).isEqualTo(session);
        assertThatThrownBy(() -> tokens(NOW.plusSeconds(300)).open(token))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.NOT_AUTHORIZED))
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenSealedUnderAnotherKeyDoesNotOpen() {
        String token = tokens(NOW).seal(session(NOW.plusSeconds(300)));
        byte[] other = new byte[32];
        other[0] = 1;
        SessionTokens elsewhere =
                new SessionTokens(properties(Base64.getEncoder().encodeToString(other)), clock(NOW));
        assertThatThrownBy(() -> elsewhere.open(token))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.errorType()).isEqualTo(AwsErrorType.NOT_AUTHORIZED));
    }

    private static PlaybackSession session(Instant expires) {
        return new PlaybackSession(
                UUID.randomUUID(),
                "front-door",
                PlaybackMode.ON_DEMAND,
                TimestampKind.PRODUCER_TIMESTAMP,
                NOW.minusSeconds(60),
                NOW,
                DiscontinuityMode.NEVER,
                true,
                false,
                1000,
                NOW.minusSeconds(60).toEpochMilli(),
                0,
                expires);
    }

    private static SessionTokens tokens(Instant now) {
        return new SessionTokens(properties(KEY), clock(now));
    }

    private static Clock clock(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static VideoProperties properties(String key) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("shardline.video.session-key", key)))
                .bindOrCreate("shardline.video", Bindable.of(VideoProperties.class));
    }
}
