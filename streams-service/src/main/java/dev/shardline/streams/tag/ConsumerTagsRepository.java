package dev.shardline.streams.tag;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ConsumerTagsRepository extends JpaRepository<ConsumerTags, UUID>, TagSetRepository<ConsumerTags> {

    @Override
    @Modifying
    @Query(
            value = "insert into streams.consumer_tag_set (consumer_id) values (?1) on conflict do nothing",
            nativeQuery = true)
    void createIfAbsent(UUID consumerId);

    @Override
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from ConsumerTags t where t.consumerId = ?1")
    Optional<ConsumerTags> lock(UUID consumerId);

    @Override
    @Query("select t from ConsumerTags t where t.consumerId = ?1")
    Optional<ConsumerTags> tagsOf(UUID consumerId);
}
