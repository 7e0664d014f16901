package dev.mqtt5.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * DESIGN.md's module rule: the Spring runtime (this module) works without Spring Boot, so it uses
 * nothing from Boot nor from the auto-configuration that wires it.
 */
class RuntimeArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.mqtt5.spring");

    @Test
    void runtimeClassesImportNothingFromSpringBoot() {
        noClasses().that().resideInAPackage("dev.mqtt5.spring..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
            .check(CLASSES);
    }

    @Test
    void runtimeClassesDoNotUseTheAutoConfiguration() {
        noClasses().that().resideInAPackage("dev.mqtt5.spring..")
            .should().dependOnClassesThat().resideInAPackage("dev.mqtt5.spring.autoconfigure..")
            .check(CLASSES);
    }

    @Test
    void runtimePackagesHaveNoCycles() {
        slices().matching("dev.mqtt5.spring.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
