package dev.mqtt5.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md's package rules: public packages expose no Netty or internal types; no package cycles. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mqtt5.client");

    private static final String[] PUBLIC_PACKAGES = {"dev.mqtt5.client", "dev.mqtt5.client.packet",
            "dev.mqtt5.client.lifecycle", "dev.mqtt5.client.config", "dev.mqtt5.client.exception",
            "dev.mqtt5.client.auth", "dev.mqtt5.client.aws"};

    @Test
    void publicPackagesDoNotUseNetty() {
        noClasses().that().resideInAnyPackage(PUBLIC_PACKAGES)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
    }

    @Test
    void publicTypesDoNotDependOnInternalTypesExceptTheClientFacade() {
        noClasses().that().resideInAnyPackage("dev.mqtt5.client.packet", "dev.mqtt5.client.lifecycle",
                        "dev.mqtt5.client.config", "dev.mqtt5.client.exception", "dev.mqtt5.client.auth")
                .should().dependOnClassesThat().resideInAPackage("dev.mqtt5.client.internal..")
                .check(CLASSES);
    }

    @Test
    void theClientUsesNoJsonLibrary() {
        // JSON belongs to the modules above the client (mqtt5-aws-iot, the Spring modules).
        noClasses().should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..",
                        "com.google.gson..", "jakarta.json..", "org.json..")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.mqtt5.client.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
