package org.dendrite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked over the compiled classes of the runtime, datasets and dsl
 * modules: no package depends on itself through others, and the machinery under
 * {@code org.dendrite.internal} is reached only from the model classes in {@code org.dendrite}.
 */
class ArchitectureTest {

    private static final JavaClasses DENDRITE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dendrite");

    /** Each package its own slice, the root package {@code org.dendrite} included. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "one slice per package";
        }
    };

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(DENDRITE);
    }

    @Test
    void onlyTheModelClassesReachTheInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.dendrite", "org.dendrite.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.dendrite.internal..")
                .check(DENDRITE);
    }

    @Test
    void theRuntimeKnowsNothingOfTheDslOrTheDatasets() {
        noClasses()
                .that()
                .resideInAPackage("org.dendrite.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.dendrite",
                        "org.dendrite.datasets..",
                        "org.dendrite.layers..",
                        "org.dendrite.internal..",
                        "org.dendrite.callbacks..")
                .check(DENDRITE);
    }
}
