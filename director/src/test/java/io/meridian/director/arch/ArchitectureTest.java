package io.meridian.director.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the code, checked on every build over all modules' production classes (the
 * director's classpath holds them all): packages depend on each other one way only, and the
 * HTTP side reaches the core through its port and the snapshot alone.
 */
@AnalyzeClasses(packages = "io.meridian", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.meridian.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule httpUsesThePortNotTheCore = noClasses().that().resideInAPackage("io.meridian.director.http..")
            .should().dependOnClassesThat().resideInAPackage("io.meridian.director.core..")
            .because("the HTTP side reads snapshots and sends commands through DirectorPort (SPEC section 1, ADR 0007)");

    @ArchTest
    static final ArchRule pureModulesStayPure = noClasses().that().resideInAnyPackage("io.meridian.config..",
                    "io.meridian.routing..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "io.meridian.director..",
                    "io.meridian.probes..", "io.meridian.dns..");
}
