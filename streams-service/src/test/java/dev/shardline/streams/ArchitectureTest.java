package dev.shardline.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.shardline.platform.testing.ArchitectureRules;
import dev.shardline.streams.web.KinesisActions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared layering rules of STYLE.md, and the streams service's own, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.mainClasses();
    }

    /** No cycles between the feature packages; web code never touches entities; the domain imports no Spring Web. */
    @Test
    void streamsFollowsTheSharedServiceRules() {
        ArchitectureRules.checkService(classes, "streams");
    }

    @Test
    void commonDependsOnNoService() {
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.streams..")
                .check(classes);
    }

    /** Someone who knows an AWS action's name finds it beside its feature: {@code stream/web}, {@code shard/web}, ... */
    @Test
    void awsActionsAndRestControllersLiveInTheirFeaturesWebPackage() {
        classes()
                .that()
                .implement(KinesisActions.class)
                .or()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .and()
                .resideInAPackage("dev.shardline.streams..")
                .should()
                .resideInAPackage("dev.shardline.streams.*.web")
                .check(classes);
    }
}
