package dev.shardline.streams.tag;

import java.util.Optional;
import java.util.UUID;

/** What {@link TagService} needs from the tag sets of one kind of resource, keyed by the resource's id. */
interface TagSetRepository<T extends TagSet> {

    /** Creates the resource's (empty) tag set unless it has one; concurrent callers wait for each other. */
    void createIfAbsent(UUID resourceId);

    /** The tag set, locked until the transaction ends, so that writers of one resource's tags take turns. */
    Optional<T> lock(UUID resourceId);

    Optional<T> tagsOf(UUID resourceId);
}
