package dev.shardline.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The rules of DESIGN.md and STYLE.md, in one place: {@code common} and every service apply them to their own
 * classes from a test of their own ({@code ArchitectureRules.checkService("streams")}).
 */
public final class ArchitectureRules {

    /** The services; a new one is added here, so that every rule knows it. */
    public static final List<String> SERVICES = List.of("streams", "firehose", "analytics", "video");

    private static final String[] COMMON = {
        "dev.shardline.platform..", "dev.shardline.kinesis..", "dev.shardline.keys.."
    };

    private ArchitectureRules() {}

    /** The classes of {@code dev.shardline}, tests excluded. */
    public static JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shardline");
    }

    /** The rules for {@code common}: the platform, the Kinesis contract and the key service know no service. */
    public static void checkCommon(JavaClasses classes) {
        for (String service : SERVICES) {
            noClasses()
                    .that()
                    .resideInAnyPackage(COMMON)
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(servicePackage(service) + "..")
                    .because("common depends on no service")
                    .allowEmptyShould(true)
                    .check(classes);
        }
        // The platform is the bottom layer: the key service and the stream contract stand on it, not the reverse.
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.shardline.kinesis..", "dev.shardline.keys..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.shardline.keys..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.shardline.kinesis..")
                .check(classes);
        slices().matching("dev.shardline.(platform|kinesis|keys).(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    /**
     * The rules for one service ({@code "streams"} for {@code dev.shardline.streams}): it uses no other service's
     * code; its feature packages are free of cycles; its wire code ({@code ..web..}) never touches a JPA entity; its
     * domain does not import Spring Web.
     */
    public static void checkService(JavaClasses classes, String service) {
        String root = servicePackage(service);
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses()
                        .that()
                        .resideInAPackage(root + "..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(servicePackage(other) + "..")
                        .because("no service depends on another service's code")
                        .check(classes);
            }
        }
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
        noClasses()
                .that()
                .resideInAPackage(root + "..web..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .orShould()
                .dependOnClassesThat()
                .areAnnotatedWith("jakarta.persistence.Embeddable")
                .because("JPA entities never reach the wire")
                .allowEmptyShould(true)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(root + "..web..", root + ".app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.web..")
                .because("the domain does not import Spring Web")
                .check(classes);
    }

    private static String servicePackage(String service) {
        return "dev.shardline." + service;
    }
}
