package dev.shardline.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.shardline.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of STYLE.md, checked on the compiled classes: the shared ones, then the analytics service's own. */
class AnalyticsArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.mainClasses();
    }

    /** No cycles between the feature packages, wire code without entities, no Spring Web outside the wire. */
    @Test
    void followsTheSharedServiceRules() {
        ArchitectureRules.checkService(classes, "analytics");
    }

    /** The engine runs jobs; it knows nothing of how applications are stored or spoken on the wire. */
    @Test
    void theEngineKnowsNoControlPlane() {
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.analytics.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.shardline.analytics.application..", "dev.shardline.analytics.web..")
                .check(classes);
    }
}
