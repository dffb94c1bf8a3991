package dev.shardline.video.media;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FragmentRepository extends JpaRepository<Fragment, Fragment.Key> {

    @Query("select f from Fragment f where f.streamId = ?1 order by f.fragmentNumber")
    List<Fragment> findByStream(UUID streamId);

    @Query(value = "select nextval('video.fragment_counter')", nativeQuery = true)
    long nextCounter();
}
