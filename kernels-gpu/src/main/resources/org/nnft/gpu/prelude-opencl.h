/* nnft portable kernel dialect: OpenCL C 1.2 prelude (see engine-api/DIALECT.md). */
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

#define KERNEL __kernel
#define DEVICE static inline
#define GLOBAL __global
#define LOCAL __local

#define GID ((i64) get_global_id(0))
#define LID ((int) get_local_id(0))
#define GROUP_ID ((int) get_group_id(0))
#define GROUP_SIZE ((int) get_local_size(0))
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)

typedef int i32;
typedef uint u32;
typedef long i64;
typedef ulong u64;

/* 64-bit integer constants. */
#define I64C(x) x##L
#define U64C(x) x##UL

#define AS_LONG(d) as_long(d)
#define AS_DOUBLE(l) as_double(l)
#define AS_UINT(f) as_uint(f)
#define AS_FLOAT(u) as_float(u)
