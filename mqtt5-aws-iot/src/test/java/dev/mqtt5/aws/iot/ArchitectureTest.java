package dev.mqtt5.aws.iot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's layering: services on the request-response core, the client only through its public API. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mqtt5.aws.iot");

    @Test
    void nothingUsesTheMqttClientsInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mqtt5.client.internal..", "io.netty..")
                .check(CLASSES);
    }

    @Test
    void servicesAreIndependentOfEachOtherAndTheCoreKnowsNoService() {
        slices().matching("dev.mqtt5.aws.iot.(shadow|jobs|provisioning)..").should().notDependOnEachOther()
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.mqtt5.aws.iot.rr..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.mqtt5.aws.iot.shadow..", "dev.mqtt5.aws.iot.jobs..",
                        "dev.mqtt5.aws.iot.provisioning..")
                .check(CLASSES);
    }

    /** Among the subpackages; the root holds the entry point and the base exception every service shares. */
    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.mqtt5.aws.iot.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
