package dev.shardline.streams.tag;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StreamTagsRepository extends JpaRepository<StreamTags, UUID>, TagSetRepository<StreamTags> {

    @Override
    @Modifying
    @Query(
            value = "insert into streams.stream_tag_set (stream_id) values (?1) on conflict do nothing",
            nativeQuery = true)
    void createIfAbsent(UUID streamId);

    @Override
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from StreamTags t where t.streamId = ?1")
    Optional<StreamTags> lock(UUID streamId);

    @Override
    @Query("select t from StreamTags t where t.streamId = ?1")
    Optional<StreamTags> tagsOf(UUID streamId);
}
