package dev.shardline.streams.stream;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface StreamRepository extends JpaRepository<KinesisStream, UUID> {

    @Query("select s from KinesisStream s where s.accountId = ?1 and s.region = ?2 and s.name = ?3")
    Optional<KinesisStream> findByRef(String accountId, String region, String name);

    /**
     * The stream, locked until the transaction ends: a concurrent change of it waits, then finds the stream as the
     * first change left it (DELETING, UPDATING, gone) and is refused in AWS's words, as AWS serialises them, instead of
     * failing on the row's version at commit.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from KinesisStream s where s.accountId = ?1 and s.region = ?2 and s.name = ?3")
    Optional<KinesisStream> lockByRef(String accountId, String region, String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from KinesisStream s where s.id = ?1")
    Optional<KinesisStream> lockById(UUID id);

    @Query("select s from KinesisStream s where s.accountId = ?1 and s.region = ?2 and s.name > ?3 order by s.name")
    List<KinesisStream> findPage(
            String accountId, String region, String afterName, org.springframework.data.domain.Limit limit);

    @Query("select s from KinesisStream s where s.status = ?1")
    List<KinesisStream> findByStatus(StreamStatus status);

    @Query(
            "select count(sh) from KinesisStream s join s.shards sh where s.accountId = ?1 and s.region = ?2 and sh.closedAt is null")
    long countOpenShards(String accountId, String region);

    @Query(value = "select count(*) from streams.consumer where stream_id = ?1", nativeQuery = true)
    long countConsumers(UUID streamId);

    @Query("select s from KinesisStream s where s.mode = ?1 and s.status = ?2")
    List<KinesisStream> findByModeAndStatus(StreamMode mode, StreamStatus status);

    @Query("select count(s) from KinesisStream s where s.accountId = ?1 and s.region = ?2 and s.mode = ?3")
    long countByMode(String accountId, String region, StreamMode mode);
}
