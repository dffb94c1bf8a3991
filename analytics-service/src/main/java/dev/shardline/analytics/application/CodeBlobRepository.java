package dev.shardline.analytics.application;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CodeBlobRepository extends JpaRepository<CodeBlob, UUID> {}
