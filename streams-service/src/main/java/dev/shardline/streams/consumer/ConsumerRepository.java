package dev.shardline.streams.consumer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConsumerRepository extends JpaRepository<StreamConsumer, UUID> {

    @Query("select c from StreamConsumer c where c.streamId = ?1 and c.name = ?2")
    Optional<StreamConsumer> findByName(UUID streamId, String name);

    @Query("select c from StreamConsumer c where c.streamId = ?1 and c.name > ?2 order by c.name")
    List<StreamConsumer> findPage(UUID streamId, String afterName, Limit limit);

    @Query("select count(c) from StreamConsumer c where c.streamId = ?1")
    long countByStream(UUID streamId);

    @Query("select c from StreamConsumer c where c.status = ?1")
    List<StreamConsumer> findByStatus(ConsumerStatus status);

    /** Serialises registrations on one stream, so two at once cannot both take the last free place. */
    @Query(value = "select 1 from streams.stream where id = ?1 for update", nativeQuery = true)
    List<Integer> lockStream(UUID streamId);
}
