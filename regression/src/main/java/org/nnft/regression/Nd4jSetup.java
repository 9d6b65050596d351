package org.nnft.regression;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Switches ND4J to double precision once, before the first array is made (its default is float32). */
final class Nd4jSetup {

    private static volatile boolean done;

    private Nd4jSetup() {
    }

    static void ensureDouble() {
        if (!done) {
            synchronized (Nd4jSetup.class) {
                if (!done) {
                    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
                    done = true;
                }
            }
        }
    }
}
