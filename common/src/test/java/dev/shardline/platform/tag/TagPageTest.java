package dev.shardline.platform.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagPageTest {

    private static final Map<String, String> TAGS = Map.of("a", "1", "b", "2", "c", "3", "d", "4");

    @Test
    void aPageIsInKeyOrderAfterTheExclusiveStartKeyAndSaysWhetherMoreFollow() {
        TagPage first = TagPage.of(TAGS, null, 2);
        assertThat(first.tags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(first.hasMore()).isTrue();

        TagPage last = TagPage.of(TAGS, "b", 2);
        assertThat(last.tags()).containsExactly(Map.entry("c", "3"), Map.entry("d", "4"));
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void theStartKeyNeedNotBeATagOfTheResource() {
        assertThat(TagPage.of(TAGS, "bb", 10).tags()).containsOnlyKeys("c", "d");
        assertThat(TagPage.of(TAGS, "z", 10).tags()).isEmpty();
    }

    @Test
    void theLimitCountsOverwrittenKeysOnce() {
        TagLimit limit = new TagLimit(3);
        limit.check(Set.of("a", "b"), Map.of("b", "x", "c", "y"), IllegalStateException::new);
        assertThatThrownBy(() -> limit.check(
                        Set.of("a", "b"), Map.of("c", "x", "d", "y"), () -> new IllegalStateException("too many")))
                .hasMessage("too many");
    }
}
