package dev.shardline.video.media;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FragmentEventRepository extends JpaRepository<FragmentEvent, Long> {

    /** The oldest events no other instance is relaying right now, locked until the transaction ends. */
    @Query(value = "select * from video.fragment_event order by id limit ?1 for update skip locked", nativeQuery = true)
    List<FragmentEvent> lockOldest(int limit);
}
