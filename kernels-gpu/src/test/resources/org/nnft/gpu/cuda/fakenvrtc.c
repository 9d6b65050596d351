/*
 * A fake NVRTC for testing NvrtcCompiler's FFM bindings without the CUDA toolkit. "Compiling"
 * echoes the options into the PTX and the log; a source containing "syntax_error" fails with
 * NVRTC_ERROR_COMPILATION (6). Built with -DFAKE_BUILTINS_BROKEN, compiling fails with
 * NVRTC_ERROR_BUILTIN_OPERATION_FAILURE (7), as a broken installation does.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef struct { char* src; char* name; char* log; char* ptx; } program;
static int live = 0;

int nvrtcCreateProgram(program** p, const char* src, const char* name, int nh, const char* const* h, const char* const* inc) {
    if (!p || !src || nh != 0) return 3;
    program* q = calloc(1, sizeof(program));
    q->src = strdup(src);
    q->name = strdup(name ? name : "default_program");
    *p = q;
    live++;
    return 0;
}

int nvrtcCompileProgram(program* p, int n, const char* const* opts) {
#ifdef FAKE_BUILTINS_BROKEN
    return 7;
#endif
    char joined[1024] = "";
    for (int i = 0; i < n; i++) {
        strncat(joined, opts[i], sizeof joined - strlen(joined) - 2);
        strcat(joined, " ");
    }
    char kernel[256];
    snprintf(kernel, sizeof kernel, "%s", p->name);
    char* dot = strstr(kernel, ".cu");
    if (dot) *dot = 0;
    size_t size = strlen(joined) + strlen(kernel) + 200;
    p->log = malloc(size);
    if (strstr(p->src, "syntax_error")) {
        snprintf(p->log, size, "%s(1): error: identifier \"syntax_error\" is undefined [options: %s]", p->name, joined);
        return 6;
    }
    snprintf(p->log, size, "");
    p->ptx = malloc(size);
    snprintf(p->ptx, size, "// options: %s\n.visible .entry %s(\n)\n{\n}\n", joined, kernel);
    return 0;
}

int nvrtcGetProgramLogSize(program* p, size_t* n) { *n = p->log ? strlen(p->log) + 1 : 1; return 0; }
int nvrtcGetProgramLog(program* p, char* out) { strcpy(out, p->log ? p->log : ""); return 0; }
int nvrtcGetPTXSize(program* p, size_t* n) { if (!p->ptx) return 4; *n = strlen(p->ptx) + 1; return 0; }
int nvrtcGetPTX(program* p, char* out) { if (!p->ptx) return 4; strcpy(out, p->ptx); return 0; }

int nvrtcDestroyProgram(program** p) {
    if (!p || !*p) return 4;
    free((*p)->src); free((*p)->name); free((*p)->log); free((*p)->ptx); free(*p);
    *p = 0;
    live--;
    return 0;
}

const char* nvrtcGetErrorString(int r) {
    switch (r) {
        case 6: return "NVRTC_ERROR_COMPILATION";
        case 7: return "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE";
        default: return "NVRTC_ERROR_OTHER";
    }
}

int nvrtcVersion(int* major, int* minor) { *major = 13; *minor = 0; return 0; }
int nvrtcGetNumSupportedArchs(int* n) { *n = 3; return 0; }
int nvrtcGetSupportedArchs(int* a) { a[0] = 75; a[1] = 80; a[2] = 90; return 0; }

int fake_nvrtc_live(void) { return live; }
