package dev.shardline.streams.tag;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The resource policies of streams. */
interface ResourcePolicyRepository extends JpaRepository<ResourcePolicy, UUID>, PolicyRepository {

    @Override
    @Modifying
    @Query(
            value = "insert into streams.resource_policy (stream_id, policy) values (?1, ?2) "
                    + "on conflict (stream_id) do update set policy = excluded.policy",
            nativeQuery = true)
    void upsert(UUID streamId, String policy);

    @Override
    @Query("select p.policy from ResourcePolicy p where p.streamId = ?1")
    Optional<String> policyOf(UUID streamId);

    @Override
    @Modifying
    @Query("delete from ResourcePolicy p where p.streamId = ?1")
    void remove(UUID streamId);
}
