package dev.shardline.video;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.shardline.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of STYLE.md, checked on the compiled classes: the shared ones, then the video service's own. */
class VideoArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.mainClasses();
    }

    /** No cycles between the feature packages, wire code without entities, no Spring Web outside the wire. */
    @Test
    void followsTheSharedServiceRules() {
        ArchitectureRules.checkService(classes, "video");
    }

    /** The stream control plane knows nothing of media: ingest stands on streams, not the reverse. */
    @Test
    void theControlPlaneKnowsNoMedia() {
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.video.stream..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.video.media..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
