package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.dendrite.runtime.OpenBlasCheck.Sgemm;
import org.dendrite.runtime.OpenBlasCheck.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A kernel family is trusted only once its products agree with a double-precision reference. */
class OpenBlasCheckTest {

    /** A plain single-precision product, as OpenBLAS should compute it; {@code skip} leaves out the last terms. */
    private static Sgemm javaSgemm(int skip) {
        return (transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) -> {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0;
                    for (int p = 0; p < k - skip; p++) {
                        sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    }
                    c[i * ldc + j] = sum + beta * c[i * ldc + j];
                }
            }
        };
    }

    @Test
    void aCorrectSingleprecisionProductPasses() {
        assertNull(OpenBlasCheck.firstDisagreement(javaSgemm(0)));
    }

    @Test
    void aProductThatDropsATermIsCaughtAndDescribed() {
        String problem = OpenBlasCheck.firstDisagreement(javaSgemm(1));
        assertTrue(
                problem.startsWith("1×1×1 product (transA=false, transB=false, beta=0.0): error 1.00e+00 relative"),
                problem);
    }

    @Test
    @Tag("slow") // a fresh JVM loading OpenBLAS: 0.2 s idle, more when busy
    void theCheckRunsOnOpenBlasItselfInAFreshJvm() {
        List<String> candidates = OpenBlasCore.candidatesForThisCpu();
        assumeTrue(!candidates.isEmpty(), "a CPU without AVX2: no family to check");
        Verdict verdict = OpenBlasCheck.run(candidates.get(0));
        assertTrue(verdict != Verdict.UNKNOWN, candidates.get(0) + " could not be checked");
    }
}
