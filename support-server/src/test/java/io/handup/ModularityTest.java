package io.handup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The features stay apart: one package each, depending on each other only through public types, in
 * one direction, with {@code system} and {@code directory} at the bottom.
 */
class ModularityTest {

  private static final JavaClasses HANDUP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.handup");

  @Test
  void featuresDoNotDependOnEachOtherInCircles() {
    slices().matching("io.handup.(*)..").should().beFreeOfCycles().check(HANDUP);
  }

  @Test
  void sharedPlumbingKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.handup.system..")
        .should()
        .dependOnClassesThat(aFeatureOtherThan("io.handup.system.."))
        .check(HANDUP);
  }

  @Test
  void directoryStandsOnlyOnSharedPlumbing() {
    noClasses()
        .that()
        .resideInAPackage("io.handup.directory..")
        .should()
        .dependOnClassesThat(aFeatureOtherThan("io.handup.system..", "io.handup.directory.."))
        .check(HANDUP);
  }

  /** Any Handup feature package, new ones included, except those named. */
  private static DescribedPredicate<JavaClass> aFeatureOtherThan(String... allowed) {
    return JavaClass.Predicates.resideInAPackage("io.handup.*..")
        .and(JavaClass.Predicates.resideOutsideOfPackages(allowed))
        .as("a feature other than " + String.join(", ", allowed));
  }

  @Test
  void nothingButTheRealtimeFeatureReachesIntoWebSocketSessions() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.handup.realtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.web.socket..")
        .check(HANDUP);
  }

  @Test
  void controllersAreNotPartOfAFeaturesPublicFace() {
    classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(HANDUP);
  }
}
