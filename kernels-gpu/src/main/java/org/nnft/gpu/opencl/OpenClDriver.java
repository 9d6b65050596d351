package org.nnft.gpu.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.nnft.engine.DeviceInfo;
import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;
import org.nnft.gpu.GpuDriver;
import org.nnft.gpu.KernelBuildException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link GpuDriver} over OpenCL 1.2 through JOCL: one context and one in-order queue on one
 * device. Handles index a table of {@code cl_mem}. Programs are built with {@code -cl-std=CL1.2}
 * (no fast-math options) and cached by source, so several entry points of one source share one build.
 */
public final class OpenClDriver implements GpuDriver {
    /** Build options: OpenCL C 1.2, IEEE arithmetic (no -cl-fast-relaxed-math / -cl-mad-enable). */
    static final String BUILD_OPTIONS = "-cl-std=CL1.2";
    /** Work-group size used when the caller leaves the choice to the driver (capped by the kernel's limit). */
    private static final int DEFAULT_LOCAL_SIZE = 128;

    private final OpenClDevice device;
    private final DeviceInfo info;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Map<Long, cl_mem> memory = new HashMap<>();
    private final Map<String, Program> programs = new HashMap<>();
    private final Set<ClKernel> kernels = new LinkedHashSet<>();
    private long nextHandle = 1;
    private boolean closed;

    /** A built program and the number of kernels created from it. */
    private static final class Program {
        final cl_program program;
        int users;

        Program(cl_program program) {
            this.program = program;
        }
    }

    /** Opens a context and queue on {@code device}. */
    @SuppressWarnings("deprecation")
    OpenClDriver(OpenClDevice device) {
        this.device = device;
        this.info = device.info();
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        this.context = ClCalls.create("clCreateContext", device.name(),
                err -> CL.clCreateContext(props, 1, new cl_device_id[]{device.id()}, null, null, err));
        try {
            this.queue = ClCalls.create("clCreateCommandQueue", device.name(),
                    err -> CL.clCreateCommandQueue(context, device.id(), 0, err));
        } catch (EngineException e) {
            CL.clReleaseContext(context);
            throw e;
        }
    }

    @Override
    public String api() {
        return "opencl";
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineException("opencl: driver for device '" + device.name() + "' is closed");
        }
    }

    private cl_mem mem(long handle) {
        checkOpen();
        cl_mem m = memory.get(handle);
        if (m == null) {
            throw new EngineException("opencl: unknown or freed buffer handle " + handle);
        }
        return m;
    }

    @Override
    public long allocate(long bytes) {
        checkOpen();
        if (bytes <= 0) {
            throw new EngineException("opencl: allocation size must be > 0 bytes, got " + bytes);
        }
        cl_mem m = ClCalls.create("clCreateBuffer of " + bytes + " bytes", device.name(),
                err -> CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, err));
        long h = nextHandle++;
        memory.put(h, m);
        return h;
    }

    @Override
    public void free(long handle) {
        cl_mem m = mem(handle);
        memory.remove(handle);
        ClCalls.check("clReleaseMemObject", device.name(), () -> CL.clReleaseMemObject(m));
    }

    @Override
    public void write(long handle, long byteOffset, float[] src, int srcOffset, int count) {
        write(handle, byteOffset, Pointer.to(src).withByteOffset((long) srcOffset * Sizeof.cl_float),
                (long) count * Sizeof.cl_float);
    }

    @Override
    public void write(long handle, long byteOffset, double[] src, int srcOffset, int count) {
        write(handle, byteOffset, Pointer.to(src).withByteOffset((long) srcOffset * Sizeof.cl_double),
                (long) count * Sizeof.cl_double);
    }

    @Override
    public void write(long handle, long byteOffset, int[] src, int srcOffset, int count) {
        write(handle, byteOffset, Pointer.to(src).withByteOffset((long) srcOffset * Sizeof.cl_int),
                (long) count * Sizeof.cl_int);
    }

    private void write(long handle, long byteOffset, Pointer host, long bytes) {
        cl_mem m = mem(handle);
        if (bytes == 0) {
            return;
        }
        ClCalls.check("clEnqueueWriteBuffer of " + bytes + " bytes at byte " + byteOffset, device.name(),
                () -> CL.clEnqueueWriteBuffer(queue, m, CL.CL_TRUE, byteOffset, bytes, host, 0, null, null));
    }

    @Override
    public void read(long handle, long byteOffset, float[] dst, int dstOffset, int count) {
        read(handle, byteOffset, Pointer.to(dst).withByteOffset((long) dstOffset * Sizeof.cl_float),
                (long) count * Sizeof.cl_float);
    }

    @Override
    public void read(long handle, long byteOffset, double[] dst, int dstOffset, int count) {
        read(handle, byteOffset, Pointer.to(dst).withByteOffset((long) dstOffset * Sizeof.cl_double),
                (long) count * Sizeof.cl_double);
    }

    @Override
    public void read(long handle, long byteOffset, int[] dst, int dstOffset, int count) {
        read(handle, byteOffset, Pointer.to(dst).withByteOffset((long) dstOffset * Sizeof.cl_int),
                (long) count * Sizeof.cl_int);
    }

    private void read(long handle, long byteOffset, Pointer host, long bytes) {
        cl_mem m = mem(handle);
        if (bytes == 0) {
            return;
        }
        ClCalls.check("clEnqueueReadBuffer of " + bytes + " bytes at byte " + byteOffset, device.name(),
                () -> CL.clEnqueueReadBuffer(queue, m, CL.CL_TRUE, byteOffset, bytes, host, 0, null, null));
    }

    @Override
    public CompiledKernel compile(String name, String source) {
        checkOpen();
        Program p = programs.get(source);
        if (p == null) {
            p = new Program(build(name, source));
            programs.put(source, p);
        }
        Program program = p;
        int[] err = new int[1];
        cl_kernel k;
        try {
            k = CL.clCreateKernel(program.program, name, err);
        } catch (CLException e) {
            err[0] = e.getStatus();
            k = null;
        }
        if (err[0] != CL.CL_SUCCESS || k == null) {
            if (program.users == 0) {
                programs.remove(source);
                CL.clReleaseProgram(program.program);
            }
            throw new KernelBuildException(api(), name, "clCreateKernel failed with " + ClCalls.errorName(err[0])
                    + ": the program has no __kernel named '" + name + "'"
                    + " (KERNEL void " + name + "(...) in the portable dialect)");
        }
        program.users++;
        long[] maxGroup = new long[1];
        cl_kernel kernel = k;
        ClCalls.check("clGetKernelWorkGroupInfo(" + name + ")", device.name(), () -> CL.clGetKernelWorkGroupInfo(
                kernel, device.id(), CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(maxGroup), null));
        ClKernel ck = new ClKernel(name, kernel, source, (int) Math.min(Integer.MAX_VALUE, maxGroup[0]));
        kernels.add(ck);
        return ck;
    }

    private cl_program build(String name, String source) {
        cl_program program = ClCalls.create("clCreateProgramWithSource(" + name + ")", device.name(),
                err -> CL.clCreateProgramWithSource(context, 1, new String[]{source}, null, err));
        int code = ClCalls.status(() -> CL.clBuildProgram(program, 1, new cl_device_id[]{device.id()},
                BUILD_OPTIONS, null, null));
        if (code != CL.CL_SUCCESS) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new KernelBuildException(api(), name, ClCalls.errorName(code) + " on device '" + device.name()
                    + "':\n" + log);
        }
        return program;
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.id(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.id(), CL.CL_PROGRAM_BUILD_LOG, bytes.length,
                    Pointer.to(bytes), null);
            int n = bytes.length;
            while (n > 0 && bytes[n - 1] == 0) {
                n--;
            }
            return new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
        } catch (RuntimeException e) {
            return "(build log unavailable: " + e + ")";
        }
    }

    @Override
    public void launch(CompiledKernel kernel, long globalSize, int localSize, List<ArgType> types, List<Object> args) {
        checkOpen();
        ClKernel k = (ClKernel) kernel;
        if (!kernels.contains(k)) {
            throw new EngineException("opencl: kernel '" + k.name() + "' was released or belongs to another driver");
        }
        if (types.size() != args.size()) {
            throw new EngineException("opencl: kernel '" + k.name() + "': " + types.size() + " argument types for "
                    + args.size() + " arguments");
        }
        if (globalSize < 0 || localSize < 0) {
            throw new EngineException("opencl: kernel '" + k.name() + "': negative launch size "
                    + globalSize + "/" + localSize);
        }
        for (int i = 0; i < types.size(); i++) {
            setArg(k, i, types.get(i), args.get(i));
        }
        if (globalSize == 0) {
            return;
        }
        int local = localSize > 0 ? localSize : Math.min(DEFAULT_LOCAL_SIZE, k.maxGroupSize);
        if (local > k.maxGroupSize) {
            throw new EngineException("opencl: kernel '" + k.name() + "' needs work-groups of " + local
                    + " items, device '" + device.name() + "' allows at most " + k.maxGroupSize + " for it");
        }
        long global = (globalSize + local - 1) / local * local;
        ClCalls.check("clEnqueueNDRangeKernel(" + k.name() + ", global=" + global + ", local=" + local + ")",
                device.name(), () -> CL.clEnqueueNDRangeKernel(queue, k.kernel, 1, null, new long[]{global},
                        new long[]{local}, 0, null, null));
    }

    private void setArg(ClKernel k, int index, ArgType type, Object value) {
        Pointer p;
        long size;
        switch (type) {
            case F32_BUFFER, F64_BUFFER, I32_BUFFER -> {
                p = Pointer.to(mem((Long) value));
                size = Sizeof.cl_mem;
            }
            case INT -> {
                p = Pointer.to(new int[]{(Integer) value});
                size = Sizeof.cl_int;
            }
            case LONG -> {
                p = Pointer.to(new long[]{(Long) value});
                size = Sizeof.cl_long;
            }
            case FLOAT -> {
                p = Pointer.to(new float[]{(Float) value});
                size = Sizeof.cl_float;
            }
            case DOUBLE -> {
                p = Pointer.to(new double[]{(Double) value});
                size = Sizeof.cl_double;
            }
            default -> throw new EngineException("opencl: unsupported argument type " + type);
        }
        Pointer arg = p;
        long bytes = size;
        ClCalls.check("clSetKernelArg(" + k.name() + ", argument " + index + " of type " + type + ")", device.name(),
                () -> CL.clSetKernelArg(k.kernel, index, bytes, arg));
    }

    @Override
    public void finish() {
        checkOpen();
        ClCalls.check("clFinish", device.name(), () -> CL.clFinish(queue));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClCalls.status(() -> CL.clFinish(queue));
        for (ClKernel k : new ArrayList<>(kernels)) {
            ClCalls.status(() -> CL.clReleaseKernel(k.kernel));
        }
        kernels.clear();
        for (Program p : programs.values()) {
            ClCalls.status(() -> CL.clReleaseProgram(p.program));
        }
        programs.clear();
        for (cl_mem m : memory.values()) {
            ClCalls.status(() -> CL.clReleaseMemObject(m));
        }
        memory.clear();
        ClCalls.status(() -> CL.clReleaseCommandQueue(queue));
        ClCalls.status(() -> CL.clReleaseContext(context));
    }

    /** A kernel object; releasing the last kernel of a program releases the program. */
    private final class ClKernel implements CompiledKernel {
        private final String name;
        private final cl_kernel kernel;
        private final String source;
        private final int maxGroupSize;

        ClKernel(String name, cl_kernel kernel, String source, int maxGroupSize) {
            this.name = name;
            this.kernel = kernel;
            this.source = source;
            this.maxGroupSize = maxGroupSize;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void release() {
            if (closed || !kernels.remove(this)) {
                return;
            }
            ClCalls.status(() -> CL.clReleaseKernel(kernel));
            Program p = programs.get(source);
            if (p != null && --p.users == 0) {
                programs.remove(source);
                ClCalls.status(() -> CL.clReleaseProgram(p.program));
            }
        }
    }

    @Override
    public String toString() {
        return "OpenClDriver[" + device + "]";
    }
}
