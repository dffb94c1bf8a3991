package dev.shardline.video.media;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FragmentRepository extends JpaRepository<Fragment, Fragment.Key> {

    @Query("select f from Fragment f where f.streamId = ?1 order by f.fragmentNumber")
    List<Fragment> findByStream(UUID streamId);

    @Query("select f from Fragment f where f.streamId = ?1 and f.producerTimestamp >= ?2 and f.producerTimestamp <= ?3"
            + " and f.fragmentNumber > ?4 order by f.fragmentNumber")
    List<Fragment> byProducerTime(UUID streamId, Instant from, Instant to, String afterNumber, Limit limit);

    @Query("select f from Fragment f where f.streamId = ?1 and f.serverTimestamp >= ?2 and f.serverTimestamp <= ?3"
            + " and f.fragmentNumber > ?4 order by f.fragmentNumber")
    List<Fragment> byServerTime(UUID streamId, Instant from, Instant to, String afterNumber, Limit limit);

    @Query("select f from Fragment f where f.streamId = ?1 order by f.fragmentNumber desc")
    List<Fragment> latest(UUID streamId, Limit limit);

    @Query("select f from Fragment f where f.streamId = ?1 and f.producerTimestamp >= ?2 and f.producerTimestamp <= ?3"
            + " order by f.fragmentNumber desc")
    List<Fragment> latestByProducerTime(UUID streamId, Instant from, Instant to, Limit limit);

    @Query("select f from Fragment f where f.streamId = ?1 and f.serverTimestamp >= ?2 and f.serverTimestamp <= ?3"
            + " order by f.fragmentNumber desc")
    List<Fragment> latestByServerTime(UUID streamId, Instant from, Instant to, Limit limit);

    @Query("select count(f) from Fragment f where f.streamId = ?1 and f.fragmentNumber < ?2")
    long countBefore(UUID streamId, String fragmentNumber);

    @Query("select f from Fragment f where f.streamId = ?1 and f.fragmentNumber in ?2")
    List<Fragment> byNumbers(UUID streamId, List<String> numbers);

    /** Fragments older than their stream's retention at {@code now}, oldest first. */
    @Query(
            value = "select f.* from video.fragment f join video.video_stream s on s.id = f.stream_id"
                    + " where s.data_retention_hours > 0"
                    + " and f.server_timestamp + make_interval(hours => s.data_retention_hours) < ?1"
                    + " order by f.server_timestamp limit ?2",
            nativeQuery = true)
    List<Fragment> expired(Instant now, int limit);

    @Query(value = "select nextval('video.fragment_counter')", nativeQuery = true)
    long nextCounter();
}
