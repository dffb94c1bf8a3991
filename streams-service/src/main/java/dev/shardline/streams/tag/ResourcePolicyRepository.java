package dev.shardline.streams.tag;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ResourcePolicyRepository extends JpaRepository<ResourcePolicy, UUID> {

    /** Sets or replaces the policy in one statement, so two concurrent puts cannot collide on the insert. */
    @Modifying
    @Query(
            value = "insert into streams.resource_policy (stream_id, policy) values (?1, ?2) "
                    + "on conflict (stream_id) do update set policy = excluded.policy",
            nativeQuery = true)
    void upsert(UUID streamId, String policy);
}
