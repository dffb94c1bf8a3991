package dev.shardline.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, checked on the compiled classes. */
class ArchitectureTest {

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
                .resideInAPackage("dev.shardline.streams..")
                .check(classes);
    }

    @Test
    void wireLayersNeverTouchEntities() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.shardline.streams.aws..", "dev.shardline.streams.rest..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .orShould()
                .dependOnClassesThat()
                .areAnnotatedWith(jakarta.persistence.Embeddable.class)
                .check(classes);
    }

    @Test
    void theDomainDoesNotImportSpringWeb() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.shardline.streams.stream..",
                        "dev.shardline.streams.record..",
                        "dev.shardline.streams.tag..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.web..")
                .check(classes);
    }
}
