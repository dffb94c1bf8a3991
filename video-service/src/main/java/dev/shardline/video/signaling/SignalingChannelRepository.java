package dev.shardline.video.signaling;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface SignalingChannelRepository extends JpaRepository<SignalingChannel, UUID> {

    @Query("select c from SignalingChannel c where c.accountId = ?1 and c.region = ?2 and c.name = ?3")
    Optional<SignalingChannel> findByName(String accountId, String region, String name);

    /** The channel's row locked until the transaction ends: its changes are made one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from SignalingChannel c where c.accountId = ?1 and c.region = ?2 and c.name = ?3")
    Optional<SignalingChannel> lockByName(String accountId, String region, String name);

    /** Channels after {@code afterName} whose names begin with {@code prefix} (no LIKE: names may hold "_"). */
    @Query("select c from SignalingChannel c where c.accountId = ?1 and c.region = ?2 and c.name > ?3"
            + " and locate(?4, c.name) = 1 order by c.name")
    List<SignalingChannel> findPage(String accountId, String region, String afterName, String prefix, Limit limit);

    @Query("select count(c) from SignalingChannel c where c.accountId = ?1 and c.region = ?2")
    long countByAccount(String accountId, String region);
}
