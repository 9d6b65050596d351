package org.nnft.gpu.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.random.RandomStreams;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The GPU fills reproduce {@link RandomStreams} bit for bit (Philox words, uniform conversions and
 * the Box-Muller normals of PortableMath), for any seed, stream, first index and length, and
 * whatever the chunking of the launches.
 */
class OpenClRandomFillTest {
    private static Backend gpu;
    private static Backend chunked;

    @BeforeAll
    static void open() {
        gpu = OpenClTesting.open();
        chunked = OpenClTesting.open("launchItems", "256");
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
        if (chunked != null) {
            chunked.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1L, 0L, 0L, 1),
                Arguments.of(42L, 3L, 7L, 1023),
                Arguments.of(0xDEADBEEFCAFEBABEL, 0x8000000180000002L, (1L << 40) + 3, 4099),
                Arguments.of(-1L, -1L, (1L << 62) + 1, 777),
                Arguments.of(0x123456789L, 1L << 33, 5L, 2 * 4096 + 13));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void uniformFloatsMatchRandomStreams(long seed, long stream, long first, int length) {
        for (Backend b : new Backend[]{gpu, chunked}) {
            try (DeviceBuffer out = b.allocate(DType.F32, length)) {
                b.fillUniform(out, seed, stream, first);
                float[] got = out.toFloatArray();
                for (int j = 0; j < length; j++) {
                    float want = RandomStreams.uniformFloat(seed, stream, first + j);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[j]), "element " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void uniformDoublesMatchRandomStreams(long seed, long stream, long first, int length) {
        for (Backend b : new Backend[]{gpu, chunked}) {
            try (DeviceBuffer out = b.allocate(DType.F64, length)) {
                b.fillUniform(out, seed, stream, first);
                double[] got = out.toDoubleArray();
                for (int j = 0; j < length; j++) {
                    double want = RandomStreams.uniformDouble(seed, stream, first + j);
                    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[j]), "element " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void normalFloatsMatchRandomStreams(long seed, long stream, long first, int length) {
        for (Backend b : new Backend[]{gpu, chunked}) {
            try (DeviceBuffer out = b.allocate(DType.F32, length)) {
                b.fillNormal(out, seed, stream, first);
                float[] got = out.toFloatArray();
                for (int j = 0; j < length; j++) {
                    float want = (float) RandomStreams.normal(seed, stream, first + j);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[j]), "element " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void normalDoublesMatchRandomStreams(long seed, long stream, long first, int length) {
        for (Backend b : new Backend[]{gpu, chunked}) {
            try (DeviceBuffer out = b.allocate(DType.F64, length)) {
                b.fillNormal(out, seed, stream, first);
                double[] got = out.toDoubleArray();
                for (int j = 0; j < length; j++) {
                    double want = RandomStreams.normal(seed, stream, first + j);
                    assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[j]),
                            "element " + j + ": " + want);
                }
            }
        }
    }
}
