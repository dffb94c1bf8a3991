package dev.shardline.video.stream;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface VideoStreamRepository extends JpaRepository<VideoStream, java.util.UUID> {

    @Query("select s from VideoStream s where s.accountId = ?1 and s.region = ?2 and s.name = ?3")
    Optional<VideoStream> findByName(String accountId, String region, String name);

    /** The stream's row locked until the transaction ends: its changes are made one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from VideoStream s where s.accountId = ?1 and s.region = ?2 and s.name = ?3")
    Optional<VideoStream> lockByName(String accountId, String region, String name);

    /** Streams after {@code afterName} whose names begin with {@code prefix} (no LIKE: names may hold "_"). */
    @Query("select s from VideoStream s where s.accountId = ?1 and s.region = ?2 and s.name > ?3"
            + " and locate(?4, s.name) = 1 order by s.name")
    List<VideoStream> findPage(String accountId, String region, String afterName, String prefix, Limit limit);

    @Query("select count(s) from VideoStream s where s.accountId = ?1 and s.region = ?2")
    long countByAccount(String accountId, String region);

    @Query("select s from VideoStream s where s.status = ?1")
    List<VideoStream> findByStatus(VideoStreamStatus status);
}
