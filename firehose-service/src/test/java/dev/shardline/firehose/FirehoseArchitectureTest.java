package dev.shardline.firehose;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, checked on the compiled classes. */
class FirehoseArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shardline");
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

    @Test
    void wireLayersNeverTouchEntities() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.shardline.firehose.aws..", "dev.shardline.firehose.rest..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .check(classes);
    }

    @Test
    void theDomainAndTheDataPlaneDoNotImportSpringWeb() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.shardline.firehose.delivery..",
                        "dev.shardline.firehose.buffer..",
                        "dev.shardline.firehose.s3..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.web..")
                .check(classes);
    }

    @Test
    void theBufferKnowsNoDestination() {
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.firehose.buffer..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.firehose.s3..")
                .check(classes);
    }
}
