package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class ErrorFunctionTest {

    @Test
    void agreesWithCommonsMathIncompleteGammaRoute() {
        for (double x = -7; x <= 7; x += 0.0137) {
            assertEquals(Erf.erf(x), ErrorFunction.erf(x), 2e-15, "x=" + x);
        }
        assertEquals(0, ErrorFunction.erf(0), 0);
        assertEquals(0.8427007929497149, ErrorFunction.erf(1), 2.3e-16); // erf(1), DLMF table
    }
}
