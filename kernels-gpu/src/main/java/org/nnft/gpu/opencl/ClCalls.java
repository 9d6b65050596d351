package org.nnft.gpu.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.nnft.engine.EngineException;

import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Runs JOCL calls and turns their status codes into {@link EngineException}s that name the
 * call, the CL error (e.g. {@code CL_MEM_OBJECT_ALLOCATION_FAILURE}) and the device. Works whether
 * or not JOCL's own exceptions are enabled.
 */
final class ClCalls {
    private ClCalls() {
    }

    /** The symbolic name of a CL status code, e.g. "CL_OUT_OF_RESOURCES". */
    static String errorName(int code) {
        try {
            return CL.stringFor_errorCode(code);
        } catch (RuntimeException | LinkageError e) {
            return "CL error " + code;
        }
    }

    /** Runs a call that returns a status code and returns that code (a thrown CLException yields its status). */
    static int status(IntSupplier call) {
        try {
            return call.getAsInt();
        } catch (CLException e) {
            return e.getStatus();
        }
    }

    /** Runs a call that returns a status code; throws unless it is CL_SUCCESS. */
    static void check(String what, String device, IntSupplier call) {
        int code = status(call);
        if (code != CL.CL_SUCCESS) {
            throw failure(what, device, code);
        }
    }

    /** Runs a call that reports its status through an {@code errcode_ret} array; throws unless it succeeded. */
    static <T> T create(String what, String device, Function<int[], T> call) {
        int[] err = new int[1];
        T result;
        try {
            result = call.apply(err);
        } catch (CLException e) {
            throw failure(what, device, e.getStatus());
        }
        if (err[0] != CL.CL_SUCCESS || result == null) {
            throw failure(what, device, err[0]);
        }
        return result;
    }

    /** The exception for a failed call. */
    static EngineException failure(String what, String device, int code) {
        return new EngineException("opencl: " + what + " failed with " + errorName(code) + " (" + code
                + ") on device '" + device + "'");
    }
}
