/*
 * A fake CUDA driver library for testing CudaDriver's FFM bindings on machines without a GPU.
 * Device memory is host memory; "modules" are the PTX text; one kernel, fake_affine, really runs:
 *   fake_affine(float* x, i64 n, float a, double b, int c): x[i] = a * i + b + c for i < n.
 * Every call that needs a context fails with CUDA_ERROR_INVALID_CONTEXT (201) unless the calling
 * thread made one current, as the real driver does. Build variants with -DFAKE_INIT_RESULT=<code>
 * and -DFAKE_DEVICE_COUNT=<n>.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#ifndef FAKE_INIT_RESULT
#define FAKE_INIT_RESULT 0
#endif
#ifndef FAKE_DEVICE_COUNT
#define FAKE_DEVICE_COUNT 2
#endif

typedef unsigned long long CUdeviceptr;
#define CTX ((void*) 0x1234)

static __thread void* current = 0;
static int initialised = 0;
static int ctx_refs = 0;
static int live_allocations = 0;
static int live_modules = 0;
static int live_host = 0;
static unsigned last_grid = 0, last_block = 0;

#define NEED_INIT if (!initialised) return 3
#define NEED_CTX NEED_INIT; if (current != CTX) return 201

int cuInit(unsigned flags) { if (flags != 0) return 1; if (FAKE_INIT_RESULT == 0) initialised = 1; return FAKE_INIT_RESULT; }
int cuDriverGetVersion(int* v) { *v = 13000; return 0; }
int cuDeviceGetCount(int* n) { NEED_INIT; *n = FAKE_DEVICE_COUNT; return 0; }
int cuDeviceGet(int* dev, int ordinal) { NEED_INIT; if (ordinal < 0 || ordinal >= FAKE_DEVICE_COUNT) return 101; *dev = ordinal; return 0; }
int cuDeviceGetName(char* name, int len, int dev) {
    NEED_INIT;
    snprintf(name, len, dev == 0 ? "Fake GPU A100-SXM4-40GB" : "Fake GPU H100 80GB HBM3");
    return 0;
}
int cuDeviceTotalMem_v2(size_t* bytes, int dev) { NEED_INIT; *bytes = (size_t) 80 << 30; return 0; }
int cuDeviceGetAttribute(int* v, int attrib, int dev) {
    NEED_INIT;
    switch (attrib) {
        case 1: *v = 1024; break;
        case 16: *v = dev == 0 ? 108 : 132; break;
        case 75: *v = dev == 0 ? 8 : 9; break;
        case 76: *v = 0; break;
        default: return 1;
    }
    return 0;
}
int cuDevicePrimaryCtxRetain(void** ctx, int dev) { NEED_INIT; *ctx = CTX; ctx_refs++; return 0; }
int cuDevicePrimaryCtxRelease_v2(int dev) { NEED_INIT; if (ctx_refs <= 0) return 201; ctx_refs--; return 0; }
int cuCtxSetCurrent(void* ctx) { NEED_INIT; current = ctx; return 0; }
int cuCtxSynchronize(void) { NEED_CTX; return 0; }

int cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    NEED_CTX;
    if (bytes == 0) return 1;
    if (bytes > ((size_t) 1 << 40)) return 2;
    void* m = malloc(bytes);
    if (!m) return 2;
    *p = (CUdeviceptr) m;
    live_allocations++;
    return 0;
}
int cuMemFree_v2(CUdeviceptr p) { NEED_CTX; free((void*) p); live_allocations--; return 0; }
int cuMemAllocHost_v2(void** p, size_t bytes) { NEED_CTX; *p = malloc(bytes); live_host++; return *p ? 0 : 2; }
int cuMemFreeHost(void* p) { NEED_CTX; free(p); live_host--; return 0; }
int cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) { NEED_CTX; memcpy((void*) dst, src, bytes); return 0; }
int cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) { NEED_CTX; memcpy(dst, (const void*) src, bytes); return 0; }

int cuModuleLoadDataEx(void** module, const void* image, unsigned n, int* options, void** values) {
    NEED_CTX;
    if (strstr((const char*) image, "INVALID") != NULL) {
        char* log = 0;
        size_t size = 0;
        for (unsigned i = 0; i < n; i++) {
            if (options[i] == 5) log = (char*) values[i];
            if (options[i] == 6) size = (size_t) values[i];
        }
        if (log && size > 0) snprintf(log, size, "ptxas fatal   : fake JIT rejects this PTX");
        return 218;
    }
    *module = strdup((const char*) image);
    live_modules++;
    return 0;
}
int cuModuleGetFunction(void** f, void* module, const char* name) {
    NEED_CTX;
    char pattern[300];
    snprintf(pattern, sizeof pattern, ".entry %s(", name);
    if (strstr((const char*) module, pattern) == NULL) return 500;
    *f = strdup(name);
    return 0;
}
int cuModuleUnload(void* module) { NEED_CTX; free(module); live_modules--; return 0; }
int cuFuncGetAttribute(int* v, int attrib, void* f) { NEED_CTX; if (attrib != 0) return 1; *v = 512; return 0; }

int cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void* stream, void** params, void** extra) {
    NEED_CTX;
    if (gy != 1 || gz != 1 || by != 1 || bz != 1 || shared != 0 || stream != 0 || extra != 0) return 1;
    last_grid = gx;
    last_block = bx;
    if (strcmp((const char*) f, "fake_affine") == 0) {
        float* x = *(float**) params[0];
        long long n = *(long long*) params[1];
        float a = *(float*) params[2];
        double b = *(double*) params[3];
        int c = *(int*) params[4];
        if ((unsigned long long) gx * bx < (unsigned long long) n) return 1;
        for (long long i = 0; i < n; i++) x[i] = (float) (a * (float) i + b + c);
        return 0;
    }
    return 719;
}

int cuGetErrorName(int code, const char** s) {
    switch (code) {
        case 0: *s = "CUDA_SUCCESS"; return 0;
        case 2: *s = "CUDA_ERROR_OUT_OF_MEMORY"; return 0;
        case 218: *s = "CUDA_ERROR_INVALID_PTX"; return 0;
        default: *s = 0; return 1;
    }
}
int cuGetErrorString(int code, const char** s) {
    switch (code) {
        case 2: *s = "out of memory"; return 0;
        case 218: *s = "a PTX JIT compilation failed"; return 0;
        default: *s = 0; return 1;
    }
}

/* Test probes. */
int fake_live_allocations(void) { return live_allocations; }
int fake_live_modules(void) { return live_modules; }
int fake_live_host(void) { return live_host; }
int fake_ctx_refs(void) { return ctx_refs; }
unsigned fake_last_grid(void) { return last_grid; }
unsigned fake_last_block(void) { return last_block; }
