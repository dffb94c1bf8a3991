package dev.shardline.firehose;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.shardline.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of STYLE.md, checked on the compiled classes: the shared ones, then Firehose's own. */
class FirehoseArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.mainClasses();
    }

    /** No cycles between the feature packages, wire code without entities, no Spring Web outside the wire. */
    @Test
    void followsTheSharedServiceRules() {
        ArchitectureRules.checkService(classes, "firehose");
    }

    @Test
    void commonDependsOnNoService() {
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.firehose..")
                .check(classes);
    }

    /** The buffer and the delivery workers hand batches to writers they do not know (once {@code buffer → s3}). */
    @Test
    void theBufferKnowsNoDestination() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.shardline.firehose.ingest..",
                        "dev.shardline.firehose.pipeline..",
                        "dev.shardline.firehose.delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.firehose.destination..")
                .check(classes);
    }
}
